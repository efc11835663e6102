//! Writing to stdout without panicking when the reader goes away (`… | head`), and the
//! `--json` lines every command writes from its `Serialize` structs.

use std::io::{self, Write};

use crate::error::CliError;

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

/// Writes bytes to stdout as they are, with the same error handling as [`line()`].
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

/// Writes `value` as one line of compact JSON, with the error handling of [`line()`].
pub(crate) fn json(value: &impl serde::Serialize) -> Result<(), CliError> {
    line(&serde_json::to_string(value).map_err(CliError::Serialize)?);
    Ok(())
}

/// Reads a whole file, with the path in the error.
pub(crate) fn read_file(path: &std::path::Path) -> Result<Vec<u8>, CliError> {
    std::fs::read(path).map_err(|source| CliError::Read {
        path: path.to_owned(),
        source,
    })
}
