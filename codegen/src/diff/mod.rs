//! API change reports between two models.
