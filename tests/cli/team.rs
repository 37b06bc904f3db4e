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
