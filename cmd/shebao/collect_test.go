package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"shebao"
	"shebao/collection"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestCollectCommand closes a month of a small district, exports its list,
// checks a result file with one failure (a dry run), applies it, and
// applies it again (nothing changes).
func TestCollectCommand(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	url := "sqlite:" + filepath.Join(dir, "collect.db")
	db, err := sqldb.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := sqldbtest.SyntheticDistrict(ctx, url, 20, 5, 202601); err != nil {
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
	cmd := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := run(ctx, append(args, "-db", url, "-today", "2026-07-08"), &out, &errOut)
		return out.String() + errOut.String(), err
	}
	if _, err := cmd("bill", "-period", "2026-06", "-close"); err != nil {
		t.Fatal(err)
	}
	list := filepath.Join(dir, "list.csv")
	if out, err := cmd("collect", "export", "-period", "2026-06", "-o", list); err != nil || !strings.Contains(out, "lines, ¥") {
		t.Fatalf("export: %v %s", err, out)
	}
	data, _ := os.ReadFile(list)
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	n := len(recs) - 2 // the header and the totals row
	if n < 2 {
		t.Fatalf("list: %v", recs)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(append(recs[0], collection.ResultHeader...))
	for i, r := range recs[1 : len(recs)-1] {
		if i == 0 {
			w.Write(append(r, "失败", "", "账户已销户"))
		} else {
			w.Write(append(r, "成功", "", ""))
		}
	}
	w.Flush()
	result := filepath.Join(dir, "result.csv")
	os.WriteFile(result, buf.Bytes(), 0o600)
	imp := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := run(ctx, append(append([]string{"collect", "import", "-db", url, "-today", "2026-07-08", "-period", "2026-06"}, args...), result), &out, &errOut)
		return out.String(), err
	}
	if out, err := imp(); err != nil || !strings.Contains(out, fmt.Sprintf("dry run: every row checks (%d paid, 0 in part, 1 failed)", n-1)) {
		t.Fatalf("dry run: %v %s", err, out)
	}
	if out, err := imp("-apply"); err != nil || !strings.Contains(out, fmt.Sprintf("applied: %d paid", n-1)) {
		t.Fatalf("apply: %v %s", err, out)
	}
	if out, err := imp("-apply"); err != nil || !strings.Contains(out, "applied before: nothing changed") {
		t.Fatalf("again: %v %s", err, out)
	}
}
