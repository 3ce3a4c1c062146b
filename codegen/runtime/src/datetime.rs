//! Timestamps.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// An instant in time, in UTC, with nanosecond precision.
///
/// Converts to and from [`SystemTime`] and [`time::OffsetDateTime`];
/// displays (and, with the `serde` feature, serializes) as RFC 3339.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    seconds: i64,
    nanos: u32,
}

/// A timestamp could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateTimeParseError {
    input: String,
    reason: String,
}

impl fmt::Display for DateTimeParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid timestamp {:?}: {}", self.input, self.reason)
    }
}

impl std::error::Error for DateTimeParseError {}

impl DateTime {
    /// Whole seconds since the Unix epoch.
    pub fn from_secs(seconds: i64) -> Self {
        DateTime { seconds, nanos: 0 }
    }

    /// Seconds since the Unix epoch and nanoseconds within that second
    /// (values of a second or more carry into the seconds).
    pub fn from_secs_and_nanos(seconds: i64, nanos: u32) -> Self {
        DateTime {
            seconds: seconds.saturating_add(i64::from(nanos / 1_000_000_000)),
            nanos: nanos % 1_000_000_000,
        }
    }

    /// Whole seconds since the Unix epoch (negative before it).
    pub fn secs(&self) -> i64 {
        self.seconds
    }

    /// Nanoseconds within the second.
    pub fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Parses an RFC 3339 / ISO 8601 date-time with an offset (`Z` or
    /// `+01:00`) and optional fractional seconds.
    pub fn parse_rfc3339(text: &str) -> Result<Self, DateTimeParseError> {
        OffsetDateTime::parse(text, &Rfc3339)
            .map(Self::from)
            .map_err(|e| DateTimeParseError {
                input: text.to_string(),
                reason: e.to_string(),
            })
    }

    /// Formats as RFC 3339 in UTC: `2024-01-02T03:04:05Z`, with fractional
    /// seconds only when there are any (`2024-01-02T03:04:05.123Z`).
    pub fn to_rfc3339(&self) -> String {
        let t = self.to_offset_date_time();
        let mut out = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        );
        if self.nanos != 0 {
            let frac = format!("{:09}", self.nanos);
            out.push('.');
            out.push_str(frac.trim_end_matches('0'));
        }
        out.push('Z');
        out
    }

    /// The same instant as a [`time::OffsetDateTime`] in UTC (saturating at
    /// the limits of that type).
    pub fn to_offset_date_time(&self) -> OffsetDateTime {
        let nanos = i128::from(self.seconds) * 1_000_000_000 + i128::from(self.nanos);
        OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(if self.seconds < 0 {
            time::PrimitiveDateTime::MIN.assume_utc()
        } else {
            time::PrimitiveDateTime::MAX.assume_utc()
        })
    }
}

/// How a timestamp is written on the wire (`smithy.api#timestampFormat`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimestampFormat {
    /// ISO 8601 / RFC 3339 (`2014-04-29T18:30:38Z`), the default of the
    /// EC2 query protocol.
    DateTime,
    /// RFC 7231 HTTP date (`Tue, 29 Apr 2014 18:30:38 GMT`).
    HttpDate,
    /// Seconds since the Unix epoch, with optional fraction (`1398796238`).
    EpochSeconds,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

impl DateTime {
    /// Parses a timestamp sent in `format`. Like botocore, the other formats
    /// are accepted too when the text is not in the expected one: a service
    /// that changes its format must not break a parse.
    pub fn parse(text: &str, format: TimestampFormat) -> Result<Self, DateTimeParseError> {
        let first = match format {
            TimestampFormat::DateTime => Self::parse_date_time(text),
            TimestampFormat::HttpDate => Self::parse_http_date(text),
            TimestampFormat::EpochSeconds => Self::parse_epoch_seconds(text),
        };
        first.or_else(|e| {
            Self::parse_date_time(text)
                .or_else(|_| Self::parse_epoch_seconds(text))
                .or_else(|_| Self::parse_http_date(text))
                .map_err(|_| e)
        })
    }

    /// Parses an ISO 8601 date-time: RFC 3339 with an offset, or without one
    /// (then taken as UTC), with optional fractional seconds.
    pub fn parse_date_time(text: &str) -> Result<Self, DateTimeParseError> {
        Self::parse_rfc3339(text).or_else(|e| {
            let has_offset = text.ends_with('Z')
                || text.ends_with('z')
                || text
                    .get(text.len().saturating_sub(6)..)
                    .is_some_and(|t| t.starts_with('+') || t.starts_with('-'));
            if has_offset {
                Err(e)
            } else {
                Self::parse_rfc3339(&format!("{text}Z")).map_err(|_| e)
            }
        })
    }

    /// Parses seconds since the epoch, with an optional fraction
    /// (`1398796238`, `1398796238.123`, `-1.5`).
    pub fn parse_epoch_seconds(text: &str) -> Result<Self, DateTimeParseError> {
        let fail = |reason: &str| DateTimeParseError {
            input: text.to_string(),
            reason: reason.to_string(),
        };
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return Err(fail("expected seconds since the epoch"));
        }
        if !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(fail("expected digits after the decimal point"));
        }
        let secs: i64 = whole.parse().map_err(|_| fail("seconds out of range"))?;
        let mut nanos: u32 = 0;
        for (i, b) in frac.bytes().take(9).enumerate() {
            nanos += u32::from(b - b'0') * 10u32.pow(8 - i as u32);
        }
        Ok(if !negative {
            DateTime::from_secs_and_nanos(secs, nanos)
        } else if nanos == 0 {
            DateTime::from_secs(-secs)
        } else {
            DateTime::from_secs_and_nanos(-secs - 1, 1_000_000_000 - nanos)
        })
    }

    /// Parses an RFC 7231 HTTP date (`Tue, 29 Apr 2014 18:30:38 GMT`).
    pub fn parse_http_date(text: &str) -> Result<Self, DateTimeParseError> {
        let fail = |reason: &str| DateTimeParseError {
            input: text.to_string(),
            reason: reason.to_string(),
        };
        let parts: Vec<&str> = text.split_ascii_whitespace().collect();
        let [_weekday, day, month, year, clock, zone] = parts[..] else {
            return Err(fail("expected `Day, DD Mon YYYY HH:MM:SS GMT`"));
        };
        if zone != "GMT" && zone != "UTC" && zone != "+0000" {
            return Err(fail("expected the GMT zone"));
        }
        let day: u8 = day.parse().map_err(|_| fail("bad day"))?;
        let month = MONTHS
            .iter()
            .position(|m| m.eq_ignore_ascii_case(month))
            .ok_or_else(|| fail("bad month"))?;
        let year: i32 = year.parse().map_err(|_| fail("bad year"))?;
        let mut hms = clock.split(':');
        let mut next = |what: &str| -> Result<u8, DateTimeParseError> {
            hms.next()
                .and_then(|p| p.parse().ok())
                .ok_or_else(|| fail(what))
        };
        let (h, m, s) = (next("bad hour")?, next("bad minute")?, next("bad second")?);
        let month = time::Month::try_from(month as u8 + 1).map_err(|_| fail("bad month"))?;
        let date =
            time::Date::from_calendar_date(year, month, day).map_err(|e| fail(&e.to_string()))?;
        let t = date
            .with_hms(h, m, s)
            .map_err(|e| fail(&e.to_string()))?
            .assume_utc();
        Ok(DateTime::from(t))
    }

    /// Formats as botocore sends a timestamp in a query request:
    /// `2015-01-25T08:00:00Z`, or with microseconds when there are any
    /// (`2015-01-25T08:00:00.123000Z`; finer digits are dropped).
    pub fn to_query_date_time(&self) -> String {
        let t = self.to_offset_date_time();
        let mut out = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        );
        let micros = self.nanos / 1_000;
        if micros != 0 {
            out.push_str(&format!(".{micros:06}"));
        }
        out.push('Z');
        out
    }

    /// Formats as whole seconds since the epoch, as botocore sends an
    /// `epoch-seconds` timestamp in a query request (the fraction is
    /// dropped).
    pub fn to_epoch_seconds(&self) -> String {
        self.seconds.to_string()
    }

    /// Formats as an RFC 7231 HTTP date (`Tue, 29 Apr 2014 18:30:38 GMT`).
    pub fn to_http_date(&self) -> String {
        let t = self.to_offset_date_time();
        format!(
            "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
            WEEKDAYS[usize::from(t.weekday().number_days_from_monday())],
            t.day(),
            MONTHS[usize::from(u8::from(t.month()) - 1)],
            t.year(),
            t.hour(),
            t.minute(),
            t.second()
        )
    }

    /// Formats in the given wire format, as botocore does in a query
    /// request.
    pub fn to_query_string(&self, format: TimestampFormat) -> String {
        match format {
            TimestampFormat::DateTime => self.to_query_date_time(),
            TimestampFormat::HttpDate => self.to_http_date(),
            TimestampFormat::EpochSeconds => self.to_epoch_seconds(),
        }
    }
}

impl From<OffsetDateTime> for DateTime {
    fn from(t: OffsetDateTime) -> Self {
        DateTime {
            seconds: t.unix_timestamp(),
            nanos: t.nanosecond(),
        }
    }
}

impl From<SystemTime> for DateTime {
    fn from(t: SystemTime) -> Self {
        match t.duration_since(UNIX_EPOCH) {
            Ok(d) => DateTime::from_secs_and_nanos(
                i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
                d.subsec_nanos(),
            ),
            Err(e) => {
                let d = e.duration();
                let secs = -i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
                if d.subsec_nanos() == 0 {
                    DateTime::from_secs(secs)
                } else {
                    DateTime::from_secs_and_nanos(secs - 1, 1_000_000_000 - d.subsec_nanos())
                }
            }
        }
    }
}

impl From<DateTime> for SystemTime {
    fn from(t: DateTime) -> Self {
        if t.seconds >= 0 {
            UNIX_EPOCH + Duration::new(t.seconds.unsigned_abs(), t.nanos)
        } else {
            UNIX_EPOCH - Duration::from_secs(t.seconds.unsigned_abs())
                + Duration::from_nanos(u64::from(t.nanos))
        }
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_rfc3339())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for DateTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        DateTime::parse_rfc3339(&text).map_err(serde::de::Error::custom)
    }
}
