//! Loading a model named on the command line.
