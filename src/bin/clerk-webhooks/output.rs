//! Writing to stdout without panicking when the reader goes away (`… | head`).

use std::io::{self, Write};

/// Writes one line to stdout. A closed pipe ends the process quietly, as `cat` does; any
/// other write error ends it with status 2.
pub(crate) fn line(text: &str) {
    let mut out = io::stdout().lock();
    if let Err(err) = writeln!(out, "{text}").and_then(|()| out.flush()) {
        if err.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write to stdout: {err}");
        std::process::exit(2);
    }
}

/// Writes bytes to stdout as they are, with the same error handling as [`line`].
pub(crate) fn bytes(data: &[u8]) {
    let mut out = io::stdout().lock();
    if let Err(err) = out.write_all(data).and_then(|()| out.flush()) {
        if err.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write to stdout: {err}");
        std::process::exit(2);
    }
}

/// Reads a whole file, with the path in the error.
pub(crate) fn read_file(path: &std::path::Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|err| format!("cannot read {}: {err}", path.display()))
}
