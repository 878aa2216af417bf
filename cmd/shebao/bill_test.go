package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"shebao"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestBillCommand runs `shebao bill` on a small district: progress on
// stderr, the totals on stdout, the same totals on a re-run, refusals with
// clear messages, and -close freezing the period.
func TestBillCommand(t *testing.T) {
	ctx := context.Background()
	url := "sqlite:" + filepath.Join(t.TempDir(), "bill.db")
	db, err := sqldb.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := sqldbtest.SyntheticDistrict(ctx, url, 250, 10, 202601); err != nil {
		t.Fatal(err)
	}
	err = db.InTx(ctx, func(tx shebao.Tx) error {
		p := rules.DefaultPolicy(2026, 1_000_000)
		return tx.SavePolicy(ctx, &p)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	bill := func(args ...string) (string, string, error) {
		var out, errOut bytes.Buffer
		err := run(ctx, append([]string{"bill", "-db", url, "-today", "2026-07-08"}, args...), &out, &errOut)
		return out.String(), errOut.String(), err
	}
	out1, progress, err := bill("-period", "2026-06")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out1, "25 units, 250 persons, 1000 lines") || !strings.Contains(progress, "100%") || strings.Count(progress, "%") < 10 {
		t.Errorf("stdout %q, stderr %q", out1, progress)
	}
	out2, _, err := bill("-period", "2026-06", "-close")
	if err != nil || !strings.Contains(out2, "closed") || !strings.HasPrefix(out2, strings.Split(out1, "\n")[0]) {
		t.Errorf("re-run and close: %q, %v (first run %q)", out2, err, out1)
	}
	for args, want := range map[string]string{
		"2026-06":        "is closed",
		"2026-08":        "has not come yet",
		"2026-6x":        "not valid",
		"2025-12":        "no contribution policy for 2025",
		"2026-07 -close": "has not ended",
	} {
		if _, _, err := bill(append([]string{"-period"}, strings.Fields(args)...)...); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("bill -period %s: %v, want %q", args, err, want)
		}
	}
}
