package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestSeed builds a small district, reports its size and its channel mix
// moving to self-service, and refuses to seed or demo into it again.
func TestSeed(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "seed.db")
	var out, errs bytes.Buffer
	err := run(context.Background(), []string{"seed", "-db", db, "-persons", "90", "-units", "3", "-months", "4", "-today", "2026-07-20"}, &out, &errs)
	if err != nil {
		t.Fatalf("seed: %v\n%s", err, errs.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "seeded ") || !strings.Contains(lines[0], " in 3 units") ||
		!strings.HasPrefix(strings.TrimSpace(lines[1]), "2026-04: ") || !strings.HasPrefix(strings.TrimSpace(lines[2]), "2026-07: ") {
		t.Errorf("output:\n%s", out.String())
	}
	for _, args := range [][]string{
		{"seed", "-db", db, "-persons", "90", "-units", "3", "-months", "4"},
		{"demo", "-db", db, "-data", dir, "-addr", "127.0.0.1:0"},
	} {
		err := run(context.Background(), args, &out, &errs)
		if err == nil || !strings.Contains(err.Error(), "already holds 3 units") {
			t.Errorf("%s into a seeded database: %v", args[0], err)
		}
	}
}
