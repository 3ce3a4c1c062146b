//! Client-side validation of an input against the model's constraints,
//! before anything is sent, as botocore's `ParamValidator` does: the least
//! length of strings and lists, and the least value of numbers (botocore
//! checks no maximum, no pattern and no enum value, so neither does this;
//! required members are checked by the builders). The generated
//! `validate` functions call these; a configuration switch turns them off.

use std::fmt;

/// Where a value is in the input: `BlockDeviceMappings[0].Ebs.VolumeSize`.
/// A chain of borrowed steps, turned into text only for an error.
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// The input itself.
    Input,
    /// A member of the structure at `parent` (its model name).
    Member(&'a Path<'a>, &'static str),
    /// An item of the list at `parent`.
    Index(&'a Path<'a>, usize),
    /// A value of the map at `parent`, by key.
    Key(&'a Path<'a>, &'a str),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Input => f.write_str("input"),
            Path::Member(Path::Input, name) => f.write_str(name),
            Path::Member(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
        }
    }
}

/// Every constraint an input breaks, in input order (boto3's
/// `ParamValidationError`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ValidationError {
    problems: Vec<String>,
}

impl ValidationError {
    /// One line per constraint broken, naming the member and the
    /// constraint (`Invalid length for parameter Name, value: 1, valid min
    /// length: 3`).
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// `Ok` if no constraint was broken.
    pub fn into_result(self) -> Result<(), ValidationError> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }

    /// Checks the least length of a string (in characters) or a list.
    pub fn min_length(&mut self, path: &Path<'_>, length: usize, min: u64) {
        if (length as u64) < min {
            self.problems.push(format!(
                "Invalid length for parameter {path}, value: {length}, valid min length: {min}"
            ));
        }
    }

    /// Checks the least value of a number.
    pub fn min_value<T: PartialOrd + fmt::Display>(&mut self, path: &Path<'_>, value: T, min: T) {
        if value < min {
            self.problems.push(format!(
                "Invalid value for parameter {path}, value: {value}, valid min value: {min}"
            ));
        }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Parameter validation failed:")?;
        for problem in &self.problems {
            write!(f, "\n{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_messages_read_like_botocores() {
        let input = Path::Input;
        let mappings = Path::Member(&input, "BlockDeviceMappings");
        let first = Path::Index(&mappings, 0);
        let ebs = Path::Member(&first, "Ebs");
        let size = Path::Member(&ebs, "VolumeSize");
        let name = Path::Member(&input, "Name");
        let mut errors = ValidationError::default();
        errors.min_length(&name, "ab".chars().count(), 3);
        errors.min_length(&name, 3, 3);
        errors.min_value(&size, 0, 1);
        errors.min_value(&size, 1.5, 1.0);
        assert_eq!(
            errors.to_string(),
            "Parameter validation failed:\n\
             Invalid length for parameter Name, value: 2, valid min length: 3\n\
             Invalid value for parameter BlockDeviceMappings[0].Ebs.VolumeSize, value: 0, valid min value: 1"
        );
        assert_eq!(Path::Key(&name, "k").to_string(), "Name.k");
        assert!(ValidationError::default().into_result().is_ok());
    }
}
