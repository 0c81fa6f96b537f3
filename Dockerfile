# sn-handoff in a container: built in the Rust image, run from a small distroless one as a
# user without privileges. The keyring is not there: give the secrets in the environment
# (SN_HANDOFF_PASSWORD, or SN_HANDOFF_CLIENT_SECRET and SN_HANDOFF_REFRESH_TOKEN).
#
#   docker build -t sn-handoff .
#   docker run --rm -e SN_HANDOFF_PASSWORD sn-handoff check -i dev123 -u admin
#   docker run --rm sn-handoff check --demo

# The minimum supported Rust version (rust-version in Cargo.toml).
FROM rust:1.89-slim-bookworm AS build
WORKDIR /src
# The dependencies first, so that a change to the sources reuses their layer.
COPY Cargo.toml Cargo.lock ./
COPY benches benches
# The workspace's crates (the clients and the simulators) are members the fetch must see.
COPY crates crates
RUN mkdir -p src tests \
    && echo 'fn main() {}' > src/main.rs \
    && touch src/lib.rs tests/main.rs tests/live.rs \
    && cargo fetch --locked
COPY . .
RUN cargo build --release --locked \
    && cp target/release/sn-handoff /sn-handoff

# glibc, libgcc and the CA certificates, no shell; runs as uid 65532 ("nonroot").
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /sn-handoff /usr/local/bin/sn-handoff
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/sn-handoff"]
CMD ["--help"]
