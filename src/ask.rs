//! What an ask shows, from what its items hold.
//!
//! A user records a status, an owner or a due date through one item (any item of the ask), and
//! the item keeps it with the history event that recorded it. The ask shows the latest of what
//! its items hold: the status recorded last through any of them, and likewise the assignment.
//! Nothing is copied from item to item, so when a later report's item joins the ask it shows
//! at once what the ask already had, and when a correction regroups asks each side shows what
//! was recorded through its own items. Pure functions; the store reads the items and keeps the
//! result.

use chrono::NaiveDate;

use crate::model::Status;
use crate::period::Period;

/// What one item holds, as recorded through it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: i64,
    pub year: i64,
    /// The item is in its narrative's current text.
    pub current: bool,
    pub status: Status,
    /// The history event that set `status` through this item; None while none did.
    pub status_seq: Option<i64>,
    pub status_date: Option<String>,
    pub asked_again_from: Option<i64>,
    pub owner: Option<String>,
    pub supporting: Option<String>,
    pub due_date: Option<String>,
    pub assign_seq: Option<i64>,
}

/// What an ask shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub status: Status,
    /// The item the status was recorded through; None while no status was recorded.
    pub status_item: Option<i64>,
    pub status_date: Option<String>,
    /// `addressed`, and a report later than that judgement makes the ask again.
    pub asked_again: bool,
    pub owner: Option<String>,
    /// JSON array of institution names.
    pub supporting: Option<String>,
    pub due_date: Option<String>,
}

/// The state of an ask with these items.
pub fn state(members: &[Member]) -> State {
    // A status with no event (a database that predates the history's events) is older than
    // any recorded one.
    let status = members
        .iter()
        .filter(|m| m.status_seq.is_some() || m.status != Status::Open)
        .max_by_key(|m| (m.status_seq.unwrap_or(0), m.id));
    let assignment = members
        .iter()
        .filter(|m| m.assign_seq.is_some())
        .max_by_key(|m| (m.assign_seq, m.id));
    let asked_again = status.is_some_and(|s| {
        s.status == Status::Addressed
            && s.asked_again_from
                .is_some_and(|from| members.iter().any(|m| m.current && m.year >= from))
    });
    State {
        status: status.map_or(Status::Open, |s| s.status),
        status_item: status.map(|s| s.id),
        status_date: status.and_then(|s| s.status_date.clone()),
        asked_again,
        owner: assignment.and_then(|a| a.owner.clone()),
        supporting: assignment.and_then(|a| a.supporting.clone()),
        due_date: assignment.and_then(|a| a.due_date.clone()),
    }
}

/// The first report year that, making an ask again, contradicts its being marked addressed.
/// With the date it was addressed: the report whose period holds that date (the report saw the
/// action and still asked). Without one: the report after the latest the ask had when it was
/// marked (the user judged on the reports they had).
pub fn asked_again_from(date: Option<NaiveDate>, latest_year: i64) -> i64 {
    match date {
        Some(day) => Period::of(day).year,
        None => latest_year + 1,
    }
}

/// The supporting institutions, from the JSON array they are stored as.
pub fn institutions(stored: Option<&str>) -> Vec<String> {
    stored
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default()
}

/// Past its due date and still to be done: neither addressed, superseded nor assessed as not
/// addressed.
pub fn overdue(status: Status, due_date: Option<&str>, today: NaiveDate) -> bool {
    let pending = matches!(
        status,
        Status::Open | Status::InProgress | Status::PartiallyAddressed
    );
    pending
        && due_date
            .and_then(crate::period::parse_date)
            .is_some_and(|due| due < today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(id: i64, year: i64) -> Member {
        Member {
            id,
            year,
            current: true,
            status: Status::Open,
            status_seq: None,
            status_date: None,
            asked_again_from: None,
            owner: None,
            supporting: None,
            due_date: None,
            assign_seq: None,
        }
    }

    fn addressed(id: i64, year: i64, seq: i64, from: i64) -> Member {
        Member {
            status: Status::Addressed,
            status_seq: Some(seq),
            status_date: Some("2012-03-15".into()),
            asked_again_from: Some(from),
            ..member(id, year)
        }
    }

    #[test]
    fn an_ask_with_nothing_recorded_is_open() {
        let s = state(&[member(1, 2011), member(2, 2012)]);
        assert_eq!(s.status, Status::Open);
        assert_eq!(s.status_item, None);
        assert!(!s.asked_again);
        assert_eq!(s.owner, None);
    }

    #[test]
    fn the_status_recorded_last_through_any_item_is_the_asks() {
        let first = addressed(1, 2011, 10, 2012);
        let later = Member {
            status: Status::InProgress,
            status_seq: Some(12),
            ..member(2, 2012)
        };
        let s = state(&[first.clone(), later]);
        assert_eq!((s.status, s.status_item), (Status::InProgress, Some(2)));
        let reopened_earlier = Member {
            status_seq: Some(9),
            status: Status::InProgress,
            ..member(2, 2012)
        };
        let s = state(&[first, reopened_earlier]);
        assert_eq!((s.status, s.status_item), (Status::Addressed, Some(1)));
    }

    #[test]
    fn a_repeat_after_addressed_is_flagged_and_the_status_kept() {
        let marked = addressed(1, 2011, 10, 2012);
        let alone = state(std::slice::from_ref(&marked));
        assert_eq!(alone.status, Status::Addressed);
        assert!(!alone.asked_again);
        let repeated = state(&[marked.clone(), member(2, 2012)]);
        assert_eq!(repeated.status, Status::Addressed);
        assert!(repeated.asked_again);
        // A repeat from a report before the judgement's period does not contradict it.
        let later_judgement = addressed(1, 2011, 10, 2013);
        assert!(!state(&[later_judgement, member(2, 2012)]).asked_again);
        // Nor does an item a re-import no longer has.
        let gone = Member {
            current: false,
            ..member(2, 2012)
        };
        assert!(!state(&[marked, gone]).asked_again);
    }

    #[test]
    fn the_assignment_recorded_last_is_the_asks() {
        let a = Member {
            owner: Some("Ministry of Justice".into()),
            due_date: Some("2012-03-31".into()),
            assign_seq: Some(5),
            ..member(1, 2011)
        };
        let b = Member {
            owner: Some("Ministry of Internal Affairs".into()),
            assign_seq: Some(7),
            ..member(2, 2012)
        };
        let s = state(&[a, b]);
        assert_eq!(s.owner.as_deref(), Some("Ministry of Internal Affairs"));
        // The assignment is one record: the later one set no due date.
        assert_eq!(s.due_date, None);
    }

    #[test]
    fn asked_again_counts_from_the_judgements_period_or_the_next_report() {
        let day = crate::period::parse_date;
        assert_eq!(asked_again_from(day("2012-03-15"), 2011), 2012);
        assert_eq!(asked_again_from(day("2012-05-01"), 2011), 2013);
        assert_eq!(asked_again_from(None, 2013), 2014);
    }

    #[test]
    fn overdue_means_past_due_and_still_to_do() {
        let today = crate::period::parse_date("2026-12-02").unwrap();
        assert!(overdue(Status::Open, Some("2012-03-31"), today));
        assert!(overdue(Status::InProgress, Some("2026-12-01"), today));
        assert!(!overdue(Status::Open, Some("2026-12-02"), today));
        assert!(!overdue(Status::Addressed, Some("2012-03-31"), today));
        assert!(!overdue(Status::NotAddressed, Some("2012-03-31"), today));
        assert!(!overdue(Status::Superseded, Some("2012-03-31"), today));
        assert!(!overdue(Status::Open, None, today));
    }
}
