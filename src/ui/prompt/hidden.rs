//! Hidden input: one line read from the terminal with echo off, without a trace on screen.
//!
//! A signal that ends the process while the terminal is raw (SIGTERM, SIGHUP, or a SIGINT
//! sent by `kill`: Ctrl-C itself is a key here) would leave the shell without echo and line
//! editing, and what was typed in the input queue for the shell to read. So, as ssh and sudo
//! do, the read installs handlers for those signals that discard the unread input
//! (`tcflush`), put back the terminal's mode, and end the process with exit 130
//! ("interrupted", whichever of the three it was); the handlers in place before are put back
//! when the read ends.
//!
//! A SIGTSTP (`kill -TSTP`; Ctrl-Z itself is a key here, and ignored) would stop the process
//! with the terminal raw, leaving the shell without echo. As less and vim do, its handler puts
//! the terminal's mode back, stops the process for real, and on SIGCONT makes the terminal raw
//! again; the read then starts over with the question shown again.

use std::cell::UnsafeCell;
use std::io;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

use zeroize::{Zeroize, Zeroizing};

/// The signals that end a hidden read.
const SIGNALS: [libc::c_int; 3] = [libc::SIGTERM, libc::SIGHUP, libc::SIGINT];
/// The exit code after one of them: "interrupted" (docs/contract.md, "Exit codes").
const EXIT_INTERRUPTED: libc::c_int = 130;

/// The terminal mode to put back, for the signal handler.
struct Saved(UnsafeCell<libc::termios>);
// SAFETY: written only by `Raw::enter` before `RAW_FD` is set (and so before any handler
// reads it), read only while `RAW_FD` is set.
unsafe impl Sync for Saved {}
// SAFETY: all-zero is a valid termios (plain integers and arrays).
static SAVED: Saved = Saved(UnsafeCell::new(unsafe { std::mem::zeroed() }));
/// The raw mode, for the SIGTSTP handler to put back on SIGCONT (set like [`SAVED`]).
static RAW_MODE: Saved = Saved(UnsafeCell::new(unsafe { std::mem::zeroed() }));
/// The descriptor in raw mode while a hidden read is under way, else -1.
static RAW_FD: AtomicI32 = AtomicI32::new(-1);
/// Set by the SIGTSTP handler once the process continues: the read starts over.
static RESUMED: AtomicBool = AtomicBool::new(false);

/// Runs on SIGTERM, SIGHUP or SIGINT during a hidden read; only async-signal-safe calls
/// (tcflush, tcsetattr, write, _exit).
extern "C" fn restore_and_exit(_signal: libc::c_int) {
    let fd = RAW_FD.load(Ordering::SeqCst);
    const SAID: &[u8] = b"\ninterrupted at a hidden prompt; what was typed is discarded\n";
    // SAFETY: async-signal-safe calls on this process's descriptors; SAVED is set while
    // RAW_FD is.
    unsafe {
        if fd >= 0 {
            libc::tcflush(fd, libc::TCIFLUSH);
            libc::tcsetattr(fd, libc::TCSANOW, SAVED.0.get());
        }
        libc::write(libc::STDERR_FILENO, SAID.as_ptr().cast(), SAID.len());
        libc::_exit(EXIT_INTERRUPTED);
    }
}

/// Runs on SIGTSTP during a hidden read; only async-signal-safe calls (tcsetattr, write,
/// sigaction, pthread_sigmask, raise).
extern "C" fn suspend(_signal: libc::c_int) {
    let fd = RAW_FD.load(Ordering::SeqCst);
    // SAFETY: async-signal-safe calls on this process's descriptors and signal actions;
    // SAVED and RAW_MODE are set while RAW_FD is.
    unsafe {
        if fd >= 0 {
            libc::tcsetattr(fd, libc::TCSANOW, SAVED.0.get());
        }
        libc::write(libc::STDERR_FILENO, b"\n".as_ptr().cast(), 1);
        // Stop for real: the default action, with SIGTSTP (blocked while this runs) let in.
        let mut default: libc::sigaction = std::mem::zeroed();
        default.sa_sigaction = libc::SIG_DFL;
        let mut mine: libc::sigaction = std::mem::zeroed();
        libc::sigaction(libc::SIGTSTP, &default, &mut mine);
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGTSTP);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        libc::raise(libc::SIGTSTP);
        // Continued (SIGCONT): this handler again, the terminal raw again.
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
        libc::sigaction(libc::SIGTSTP, &mine, std::ptr::null_mut());
        if fd >= 0 {
            libc::tcsetattr(fd, libc::TCSANOW, RAW_MODE.0.get());
        }
    }
    RESUMED.store(true, Ordering::SeqCst);
}

/// The terminal in raw mode (no echo, no line editing, no signals: Ctrl-C is a byte) until
/// dropped, which puts back the mode it found and the signal handlers, however the read
/// ends.
struct Raw {
    fd: libc::c_int,
    saved: libc::termios,
    handlers: Vec<(libc::c_int, libc::sigaction)>,
}

impl Raw {
    fn enter(fd: libc::c_int) -> io::Result<Raw> {
        // SAFETY: `termios` is plain data that tcgetattr fills in; fd is this process's.
        let mut saved: libc::termios = unsafe { std::mem::zeroed() };
        if unsafe { libc::tcgetattr(fd, &mut saved) } != 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: no handler reads SAVED until RAW_FD is set below.
        unsafe { *SAVED.0.get() = saved };
        RAW_FD.store(fd, Ordering::SeqCst);
        let mut this = Raw {
            fd,
            saved,
            handlers: Vec::new(),
        };
        for signal in SIGNALS {
            this.handle(signal, restore_and_exit);
        }
        let mut raw = saved;
        raw.c_lflag &= !(libc::ECHO | libc::ECHONL | libc::ICANON | libc::ISIG | libc::IEXTEN);
        raw.c_iflag &= !(libc::IXON | libc::ICRNL | libc::INLCR);
        raw.c_cc[libc::VMIN] = 1;
        raw.c_cc[libc::VTIME] = 0;
        // SAFETY: the SIGTSTP handler is not installed yet, so nothing reads RAW_MODE.
        unsafe { *RAW_MODE.0.get() = raw };
        this.handle(libc::SIGTSTP, suspend);
        // SAFETY: as above.
        if unsafe { libc::tcsetattr(fd, libc::TCSANOW, &raw) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(this)
    }
}

impl Raw {
    /// Installs `handler` for `signal`, keeping the action it replaces for [`Drop`]. The
    /// handler runs with SIGTERM, SIGHUP and SIGINT blocked, and without SA_RESTART: a read
    /// it interrupts returns EINTR.
    fn handle(&mut self, signal: libc::c_int, handler: extern "C" fn(libc::c_int)) {
        // SAFETY: handlers that only make async-signal-safe calls; the previous action is
        // kept and put back.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = handler as *const () as usize;
            libc::sigemptyset(&mut action.sa_mask);
            for other in SIGNALS {
                libc::sigaddset(&mut action.sa_mask, other);
            }
            let mut previous: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(signal, &action, &mut previous) == 0 {
                self.handlers.push((signal, previous));
            }
        }
    }
}

impl Drop for Raw {
    fn drop(&mut self) {
        // SAFETY: restores the settings read in `enter` on the same descriptor, then the
        // signal actions found there (a signal in between still finds SAVED).
        unsafe { libc::tcsetattr(self.fd, libc::TCSANOW, &self.saved) };
        for (signal, previous) in self.handlers.drain(..) {
            // SAFETY: puts back an action sigaction returned.
            unsafe { libc::sigaction(signal, &previous, std::ptr::null_mut()) };
        }
        RAW_FD.store(-1, Ordering::SeqCst);
    }
}

/// Shows the question with `show` once the terminal is raw (again after a stop), then reads a line from
/// standard input (a terminal) with the terminal raw for the whole line: nothing typed is
/// echoed, even when typed fast or pasted, and a Ctrl-C pressed as soon as the question
/// shows is a key. `None` on Ctrl-C, Ctrl-D or a hang-up. Backspace and Ctrl-U edit; arrow
/// keys and other escapes are ignored.
pub(super) fn read_line(
    show: impl Fn() -> io::Result<()>,
) -> io::Result<Option<Zeroizing<String>>> {
    let fd = libc::STDIN_FILENO;
    let _raw = Raw::enter(fd)?;
    RESUMED.store(false, Ordering::SeqCst);
    show()?;
    let mut bytes = Zeroizing::new(Vec::<u8>::new());
    // 0: text; 1: after ESC; 2: inside a CSI/SS3 sequence (until its final byte).
    let mut escape = 0u8;
    loop {
        let mut byte = 0u8;
        // SAFETY: reads at most one byte into `byte`.
        let n = unsafe { libc::read(fd, (&mut byte as *mut u8).cast(), 1) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                if RESUMED.swap(false, Ordering::SeqCst) {
                    // Back from a stop: what was typed before it is gone, the question shows
                    // again.
                    bytes.zeroize();
                    escape = 0;
                    show()?;
                }
                continue;
            }
            return Err(e);
        }
        if n == 0 {
            return Ok(None);
        }
        match (escape, byte) {
            (1, b'[' | b'O') => escape = 2,
            (1, _) => escape = 0,
            (2, 0x40..=0x7e) => escape = 0,
            (2, _) => {}
            (_, b'\r' | b'\n') => break,
            (_, 0x03 | 0x04) => return Ok(None),
            (_, 0x1b) => escape = 1,
            (_, 0x7f | 0x08) => {
                // One character back: its continuation bytes, then its first byte.
                while bytes.last().is_some_and(|b| b & 0xc0 == 0x80) {
                    bytes.pop();
                }
                bytes.pop();
            }
            (_, 0x15) => bytes.zeroize(),
            (_, 0x00..=0x1f) => {}
            (_, b) => bytes.push(b),
        }
    }
    Ok(Some(Zeroizing::new(
        String::from_utf8_lossy(&bytes).into_owned(),
    )))
}
