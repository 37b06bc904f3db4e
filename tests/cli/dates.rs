//! Dates (issue 11, 3): a year from 1990 to 2100 wherever a date is taken, report years from
//! 2000 to 2100; anything else refused, naming the argument.

use crate::{SEED, Sandbox, error_line};

#[test]
fn impossible_dates_are_refused_wherever_a_date_is_taken() {
    let sandbox = Sandbox::seeded();
    let before = sandbox.dump();
    let form = "use YYYY-MM-DD, a year from 1990 to 2100, e.g. 2012-06-19";
    for date in ["+99999-01-01", "0000-01-01", "1989-12-31", "2101-01-01"] {
        let due = "use YYYY-MM-DD (a year from 1990 to 2100), or period-end:YEAR for March 31 of \
                   that report year";
        // Each command line, the flag the date is given to last.
        let cases = [
            ("status KAZ-2011-4 addressed --date", form),
            ("evidence add KAZ-2011-4 --year 2012 --text x --date", form),
            ("assign KAZ-2011-4 --due", due),
            ("asks --due-before", due),
            ("history --since", form),
            ("history --until", form),
            ("evidence list --since", form),
            ("report --as-of", form),
        ];
        for (command, told) in cases {
            let mut args: Vec<&str> = command.split(' ').collect();
            let flag = *args.last().unwrap();
            args.push(date);
            let line = error_line(sandbox.run(&args), 1);
            assert_eq!(
                line,
                format!("tiptrack: invalid date '{date}' for {flag}: {told}"),
                "{args:?}"
            );
        }
    }
    for year in ["99999", "1999"] {
        let line = error_line(
            sandbox.run(&[
                "assign",
                "KAZ-2011-4",
                "--due",
                &format!("period-end:{year}"),
            ]),
            1,
        );
        assert!(
            line.starts_with(&format!("tiptrack: invalid report year '{year}' in --due")),
            "{line}"
        );
        let line = error_line(sandbox.run(&["import", SEED, "--year", year]), 2);
        assert!(line.contains(&format!("'{year}'")), "{line}");
    }
    assert_eq!(sandbox.dump(), before);
}
