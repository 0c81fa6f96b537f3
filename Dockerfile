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
# The dependencies first, compiled, in a layer of their own: the manifest and the lock file
# with the application's sources empty (the targets the manifest names must exist), built in
# release, with the workspace's crates (the clients and the simulators, which the application
# needs). A change to the application's sources reuses that layer, and only sn-handoff itself
# is compiled again. The empty application's build output is removed (its fingerprints are
# `sn-handoff-<hash>`; the crates' are `sn-handoff-kore-…` and the like, and stay), so that
# the real sources are never taken as built.
COPY Cargo.toml Cargo.lock ./
COPY benches benches
COPY crates crates
RUN mkdir -p src tests \
    && echo 'fn main() {}' > src/main.rs \
    && touch src/lib.rs tests/main.rs tests/live.rs \
    && cargo build --release --locked \
    && rm -rf src tests target/release/sn-handoff* target/release/deps/sn_handoff-* \
        target/release/deps/libsn_handoff-* target/release/.fingerprint/sn-handoff-[0-9a-f]*
COPY . .
RUN cargo build --release --locked \
    && cp target/release/sn-handoff /sn-handoff

# glibc, libgcc and the CA certificates, no shell; runs as uid 65532 ("nonroot").
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /sn-handoff /usr/local/bin/sn-handoff
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/sn-handoff"]
CMD ["--help"]
