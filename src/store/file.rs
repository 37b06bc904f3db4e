//! A new database file: made private, built under a temporary name beside its final one, and
//! put in place only once whole, so that a command that fails leaves no file behind.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// A database being made at a temporary name; removed (with its folders, if this made them and
/// they are still empty) unless [`Pending::publish`] puts it in place.
pub(super) struct Pending {
    temp: Option<tempfile::TempPath>,
    path: PathBuf,
    made_dirs: Vec<PathBuf>,
}

impl Pending {
    /// Makes the parent folders of `path` and an empty file beside it, readable and writable
    /// by its owner only (0600): SQLite gives its `-wal` and `-shm` files the same permissions.
    pub(super) fn new(path: &Path) -> Result<Pending> {
        let made_dirs = make_parents(path)?;
        let mut pending = Pending {
            temp: None,
            path: path.to_path_buf(),
            made_dirs,
        };
        pending.temp = Some(private_file_beside(path)?.into_temp_path());
        Ok(pending)
    }

    /// Where the database is being built.
    pub(super) fn temp(&self) -> &Path {
        self.temp.as_deref().unwrap_or(&self.path)
    }

    /// Gives the finished (and closed) file its name: over an existing file only with
    /// `replace`; otherwise a file another process made there meanwhile is kept, and this one
    /// dropped.
    pub(super) fn publish(mut self, replace: bool) -> Result<()> {
        let Some(temp) = self.temp.take() else {
            return Ok(());
        };
        let cannot = || format!("cannot write {}", self.path.display());
        std::fs::File::open(&temp)
            .and_then(|file| file.sync_all())
            .with_context(cannot)?;
        let linked = if replace {
            Err(None)
        } else {
            std::fs::hard_link(&temp, &self.path).map_err(Some)
        };
        match linked {
            Ok(()) => drop(temp),
            Err(Some(err)) if err.kind() == std::io::ErrorKind::AlreadyExists => {
                bail!(
                    "another tiptrack made a database at {} meanwhile; run the command again",
                    self.path.display()
                );
            }
            // Replacing, or a file system without hard links: a rename.
            Err(_) => temp.persist(&self.path).with_context(cannot)?,
        }
        self.made_dirs.clear();
        sync_folder(&self.path)
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Some(temp) = self.temp.take() {
            for suffix in ["-wal", "-shm", "-journal"] {
                let mut side = temp.as_os_str().to_owned();
                side.push(suffix);
                let _ = std::fs::remove_file(side);
            }
            drop(temp);
        }
        for dir in self.made_dirs.iter().rev() {
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// An empty file beside `path`, readable and writable by its owner only (0600), removed when
/// dropped.
pub fn private_file_beside(path: &Path) -> Result<tempfile::NamedTempFile> {
    let prefix = format!(".{}.", name(path));
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".new");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    builder
        .tempfile_in(folder(path))
        .with_context(|| format!("cannot create {}", path.display()))
}

/// The folder a file is in ("." for a bare name).
pub(super) fn folder(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn name(path: &Path) -> String {
    path.file_name().map_or_else(
        || "tiptrack.db".into(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Makes the missing folders above `path`, returning them, outermost first.
fn make_parents(path: &Path) -> Result<Vec<PathBuf>> {
    let mut missing = Vec::new();
    let mut dir = folder(path);
    while !dir.exists() {
        missing.push(dir.to_path_buf());
        match dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(parent) => dir = parent,
            None => break,
        }
    }
    missing.reverse();
    for dir in &missing {
        std::fs::create_dir(dir)
            .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    }
    Ok(missing)
}

/// Makes a new name in the folder durable: a file renamed in is not yet on disk until its
/// folder is.
pub(super) fn sync_folder(path: &Path) -> Result<()> {
    #[cfg(unix)]
    std::fs::File::open(folder(path))
        .and_then(|dir| dir.sync_all())
        .with_context(|| format!("cannot write in {}", folder(path).display()))?;
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::Store;

    #[test]
    fn a_new_database_not_finished_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("a/b/tiptrack.db");
        let mut store = Store::open_or_create(&db).unwrap();
        store
            .write(|_| anyhow::Ok(()))
            .expect("a write to the new database");
        drop(store);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

        Store::open_or_create(&db).unwrap().finish().unwrap();
        let names: Vec<_> = std::fs::read_dir(db.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec!["tiptrack.db"]);
        Store::open(&db).unwrap();
    }

    #[test]
    fn sqlite_leaves_the_folder_syncs_to_tiptrack() {
        // SQLite's own build options: SQLite-only by nature.
        let store = Store::open_in_memory().unwrap();
        let used: bool = store
            .db()
            .value(
                "how SQLite was built",
                "SELECT sqlite_compileoption_used('DISABLE_DIRSYNC')",
                super::super::sql::params![],
            )
            .unwrap();
        assert!(used, "built without .cargo/config.toml's LIBSQLITE3_FLAGS");
    }
}
