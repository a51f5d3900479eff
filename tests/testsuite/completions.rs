//! `renaksi completions SHELL` prints a script the shell itself accepts,
//! and `renaksi schema` alone says what it can do.

use std::process::Command;

use crate::support::renaksi;

#[test]
fn completion_scripts_parse_in_their_shell() {
    let tmp = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let run = renaksi(&["completions", shell], tmp.path());
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        for command in ["build", "check", "batch", "completions"] {
            assert!(run.stdout.contains(command), "{shell}: no `{command}`");
        }
        if shell == "bash" {
            // bash itself checks the script's syntax (-n: read, do not run).
            let path = tmp.path().join("renaksi.bash");
            std::fs::write(&path, &run.stdout).unwrap();
            let status = Command::new("bash").arg("-n").arg(&path).status().unwrap();
            assert!(status.success(), "bash rejects the completion script");
        }
    }
    let run = renaksi(&["completions", "tcsh"], tmp.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn schema_alone_lists_what_it_prints() {
    let tmp = tempfile::tempdir().unwrap();
    let run = renaksi(&["schema"], tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in [
        "  renaksi schema laporan     skema laporan.yaml (juga kabupaten.yaml)\n",
        "  renaksi schema narasi      skema narasi.yaml\n",
        "  renaksi schema lampiran    skema lampiran/*.yaml\n",
        "  renaksi schema pegawai     skema pegawai.yaml (Perjanjian Kinerja)\n",
        "  renaksi schema -o DIR      semua skema sebagai berkas .schema.json di folder DIR\n",
    ] {
        assert!(run.stdout.contains(line), "{}", run.stdout);
    }
}
