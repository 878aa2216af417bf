package main

import (
	"bytes"
	"path/filepath"
	"regexp"
	"testing"
)

// `shebao admin create` on a new database prints a one-time password.
func TestAdminCreateCommand(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "shebao.db")
	var out, errOut bytes.Buffer
	if err := run(t.Context(), []string{"admin", "create", "-db", db, "-username", "chief"}, &out, &errOut); err != nil {
		t.Fatalf("%v: %s", err, errOut.String())
	}
	if !regexp.MustCompile(`administrator chief: one-time password [A-Za-z2-9]{12}\n`).MatchString(out.String()) {
		t.Fatalf("output: %q", out.String())
	}
	err := run(t.Context(), []string{"admin", "create", "-db", db, "-username", "chief"}, &out, &errOut)
	if err == nil || !regexp.MustCompile(`admin create: .*`).MatchString(err.Error()) {
		t.Fatalf("the same username again: %v", err)
	}
}

// `shebao check` fails on an empty database and names what is missing.
func TestCheckCommand(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "shebao.db")
	var out, errOut bytes.Buffer
	err := run(t.Context(), []string{"check", "-db", db}, &out, &errOut)
	if err == nil || !regexp.MustCompile(`\[MISSING\] Administrator account: None: run shebao admin create`).MatchString(out.String()) {
		t.Fatalf("check on an empty database: %v\n%s", err, out.String())
	}
}
