//! What can stop the server from starting or the log from being read.

/// Why the server could not start, or the log could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// A setting is not one the server understands.
    #[error("{0}")]
    Config(String),
    /// The packs could not be loaded.
    #[error("cannot load the policies: {0}")]
    Policies(#[from] pubdata_policy::Error),
    /// The decision log could not be opened, written or read.
    #[error("decision log: {0}")]
    Log(String),
    /// The address could not be bound, or the runtime not started.
    #[error("cannot serve on `{address}`: {message}")]
    Listen {
        /// The address asked for.
        address: String,
        /// The system's reason.
        message: String,
    },
}
