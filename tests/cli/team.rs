//! A team on one PostgreSQL database: the roles `db init-roles` makes, enforced by the server,
//! and who made each change recorded by it. Runs against PostgreSQL only (see `postgres.rs`).

use crate::Sandbox;

/// The sandbox's database URL, logging in as `user` instead.
fn as_user(sandbox: &Sandbox, user: &str) -> String {
    let url = sandbox.db.to_str().unwrap();
    let rest = url.split_once('@').unwrap().1;
    format!("postgres://{user}@{rest}")
}

/// Runs SQL on the sandbox's database as its owner.
fn sql(sandbox: &Sandbox, statements: &str) {
    let mut client =
        ::postgres::Client::connect(sandbox.db.to_str().unwrap(), ::postgres::NoTls).unwrap();
    client.batch_execute(statements).unwrap();
}

#[test]
fn an_analyst_changes_a_status_under_their_own_name_and_a_reader_cannot() {
    let sandbox = Sandbox::seeded();
    if !sandbox.on_postgres() {
        eprintln!("skipped: runs against PostgreSQL only (TIPTRACK_TEST_PG)");
        return;
    }
    sandbox.run(&["db", "init-roles"]).success();
    let suffix = std::process::id();
    let (alice, rob) = (format!("alice_{suffix}"), format!("rob_{suffix}"));
    sql(
        &sandbox,
        &format!(
            "DROP ROLE IF EXISTS {alice}; DROP ROLE IF EXISTS {rob}; \
             CREATE ROLE {alice} LOGIN; GRANT tiptrack_analyst TO {alice}; \
             CREATE ROLE {rob} LOGIN; GRANT tiptrack_reader TO {rob};"
        ),
    );
    let run_as = |user: &str, args: &[&str]| {
        let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("tiptrack");
        cmd.env_remove("TIPTRACK_DB")
            .env("TIPTRACK_USER", "tester")
            .arg("--db")
            .arg(as_user(&sandbox, user))
            .args(args);
        cmd.assert()
    };

    // The analyst's change is recorded under the analyst's login, whatever TIPTRACK_USER says.
    run_as(
        &alice,
        &["status", "KAZ-2011-4", "in-progress", "--note", "draft law"],
    )
    .success();
    let history = run_as(&alice, &["history", "KAZ-2011-4", "--format", "json"])
        .success()
        .get_output()
        .stdout
        .clone();
    let history: serde_json::Value = serde_json::from_slice(&history).unwrap();
    assert_eq!(history[0]["kind"], "status");
    assert_eq!(history[0]["actor"], alice.as_str());

    // --by cannot put a change under another name.
    let by = run_as(
        &alice,
        &["status", "KAZ-2011-4", "addressed", "--by", "bob"],
    );
    let stderr = String::from_utf8(by.code(2).get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("--by is not taken on a PostgreSQL database"),
        "{stderr}"
    );

    // A reader reads, and is refused a change, which leaves the database as it was.
    run_as(&rob, &["list", "--country", "KAZ"]).success();
    let before = sandbox.dump();
    let refused = run_as(&rob, &["status", "KAZ-2011-4", "addressed"]);
    let stderr = String::from_utf8(refused.code(1).get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("permission denied"), "{stderr}");
    assert_eq!(sandbox.dump(), before);
    let refused = run_as(&rob, &["note", "KAZ-2011-4", "a note"]);
    refused.code(1);
    // And an analyst may not import: that is an admin's.
    let refused = run_as(
        &alice,
        &[
            "import",
            "tests/fixtures/formats/kaz-2012-suggest-made-for-tests.txt",
        ],
    );
    let stderr = String::from_utf8(refused.code(1).get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("permission denied"), "{stderr}");
    assert_eq!(sandbox.dump(), before);
    sql(
        &sandbox,
        &format!("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {alice}, {rob}"),
    );
}

/// Login roles for one test, dropped (with their grants) when it ends.
struct Logins<'a> {
    sandbox: &'a Sandbox,
    names: Vec<String>,
}

impl<'a> Logins<'a> {
    fn new(sandbox: &'a Sandbox, roles: &[(&str, &str)]) -> Logins<'a> {
        let suffix = format!(
            "{}_{}",
            std::process::id(),
            sandbox.db.to_str().unwrap().len()
        );
        let mut names = Vec::new();
        for (name, role) in roles {
            let login = format!("{name}_{suffix}");
            sql(
                sandbox,
                &format!(
                    "DROP ROLE IF EXISTS {login}; CREATE ROLE {login} LOGIN; \
                     GRANT {role} TO {login};"
                ),
            );
            names.push(login);
        }
        Logins { sandbox, names }
    }

    fn run(&self, index: usize, args: &[&str]) -> assert_cmd::assert::Assert {
        let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("tiptrack");
        cmd.env_remove("TIPTRACK_DB")
            .env_remove("COLUMNS")
            .arg("--db")
            .arg(as_user(self.sandbox, &self.names[index]))
            .args(args);
        cmd.assert()
    }
}

impl Drop for Logins<'_> {
    fn drop(&mut self) {
        for name in &self.names {
            let mut client =
                ::postgres::Client::connect(self.sandbox.db.to_str().unwrap(), ::postgres::NoTls)
                    .unwrap();
            let _ = client.batch_execute(&format!(
                "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {name}; \
                 REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {name}"
            ));
        }
    }
}

#[test]
fn every_analyst_command_works_for_an_analyst_and_records_them_only() {
    let sandbox = Sandbox::seeded();
    if !sandbox.on_postgres() {
        eprintln!("skipped: runs against PostgreSQL only (TIPTRACK_TEST_PG)");
        return;
    }
    sandbox
        .run(&[
            "import",
            "tests/fixtures/formats/kaz-2012-suggest-made-for-tests.txt",
        ])
        .success();
    sandbox.run(&["db", "init-roles"]).success();
    let logins = Logins::new(&sandbox, &[("ana", "tiptrack_analyst")]);
    let analyst = &logins.names[0];
    let suggested = sandbox.json(&["evidence", "list", "--suggested", "--each"]);
    let first = suggested[0]["id"].to_string();
    let second = suggested[1]["id"].to_string();
    let commands: Vec<Vec<&str>> = vec![
        vec![
            "status",
            "KAZ-2011-4",
            "in-progress",
            "--note",
            "draft law",
            "--date",
            "2012-01-10",
        ],
        vec![
            "status",
            "KAZ-2011-4",
            "in-progress",
            "--date",
            "2012-01-12",
        ],
        vec!["note", "KAZ-2011-7", "ask for the budget"],
        vec!["note", "edit", "1", "ask the ministry for the budget"],
        vec![
            "evidence",
            "add",
            "KAZ-2011-2",
            "--text",
            "Two convictions",
            "--year",
            "2012",
        ],
        vec!["evidence", "accept", &first, "--assessment", "progress"],
        vec!["evidence", "reject", &second],
        vec![
            "assign",
            "KAZ-2011-4",
            "--owner",
            "Ministry of Justice",
            "--due",
            "2013-03-31",
        ],
        vec!["undo"],
        vec!["note", "delete", "1"],
        vec!["undo"],
    ];
    for args in &commands {
        let done = logins.run(0, args);
        let out = done.get_output();
        assert!(
            out.status.success(),
            "{args:?} as an analyst: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let added = sandbox.json(&["evidence", "list", "--country", "KAZ"]);
    let own = added
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["text"] == "Two convictions")
        .unwrap();
    assert_eq!(own["added_by"], analyst.as_str());
    let history = sandbox.json(&["history"]);
    let theirs = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["actor"] == analyst.as_str())
        .count();
    assert!(theirs >= commands.len() - 2, "{history}");

    // The analyst cannot name someone else in the history, nor rewrite it, nor import.
    let mut client =
        ::postgres::Client::connect(&as_user(&sandbox, analyst), ::postgres::NoTls).unwrap();
    for forgery in [
        "INSERT INTO command (actor, at) VALUES ('tester', '2011-01-01T00:00:00Z')",
        "INSERT INTO note (recommendation_id, text, author, created_at) \
         VALUES (1, 'x', 'tester', '2011-01-01T00:00:00Z')",
        "UPDATE note SET author = 'tester'",
        "UPDATE event SET actor = 'tester'",
        "DELETE FROM event",
        "UPDATE recommendation SET text = 'changed'",
    ] {
        let err = client.batch_execute(forgery).unwrap_err();
        let message = err
            .as_db_error()
            .map(|e| e.message().to_string())
            .unwrap_or_default();
        assert!(
            message.contains("permission denied") || message.contains("append-only"),
            "{forgery}: {message}"
        );
    }
}

#[test]
fn an_admin_copies_a_database_into_postgres_keeping_who_did_what() {
    let Some(server) = crate::postgres::server() else {
        eprintln!("skipped: needs a PostgreSQL server (TIPTRACK_TEST_PG)");
        return;
    };
    let sandbox = Sandbox::seeded();
    sandbox
        .run(&["status", "KAZ-2011-4", "addressed", "--by", "ann"])
        .success();
    let file = sandbox.path("start.db");
    let from = sandbox.db.to_str().unwrap().to_string();
    sandbox
        .cmd()
        .args(["db", "copy", &from, file.to_str().unwrap()])
        .assert()
        .success();
    // An empty database with tiptrack's tables and roles, made by its owner; an admin, who
    // neither owns the tables nor is a superuser, copies into it.
    let target = server.create();
    let owner = target.url_as(crate::TESTER);
    tiptrack::store::Store::open_or_create(std::path::Path::new(&owner)).unwrap();
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("tiptrack");
    cmd.env_remove("TIPTRACK_DB")
        .args(["--db", &owner, "db", "init-roles"])
        .assert()
        .success();
    let admin = format!("adm_{}", std::process::id());
    let mut client = ::postgres::Client::connect(&owner, ::postgres::NoTls).unwrap();
    client
        .batch_execute(&format!(
            "DROP ROLE IF EXISTS {admin}; CREATE ROLE {admin} LOGIN; \
             GRANT tiptrack_admin TO {admin}"
        ))
        .unwrap();
    let as_admin = format!("postgres://{admin}@{}", owner.split_once('@').unwrap().1);
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("tiptrack");
    let copied = cmd
        .env_remove("TIPTRACK_DB")
        .args(["db", "copy", file.to_str().unwrap(), &as_admin])
        .assert();
    let out = copied.get_output();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("tiptrack");
    let shown = cmd
        .env_remove("TIPTRACK_DB")
        .args([
            "--db",
            &as_admin,
            "history",
            "KAZ-2011-4",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let history: serde_json::Value = serde_json::from_slice(&shown.get_output().stdout).unwrap();
    assert_eq!(history[0]["actor"], "ann");
    // And the next change is the admin's, with a new id.
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("tiptrack");
    cmd.env_remove("TIPTRACK_DB")
        .args(["--db", &as_admin, "note", "KAZ-2011-4", "copied over"])
        .assert()
        .success();
    client
        .batch_execute(&format!(
            "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {admin}; \
             REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {admin}"
        ))
        .unwrap();
}
