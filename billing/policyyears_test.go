package billing

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"shebao"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// yearsFile writes a file of the default policies of the years.
func yearsFile(t *testing.T, years ...int) []PolicyForm {
	t.Helper()
	var fs []PolicyForm
	for _, y := range years {
		fs = append(fs, FormOf(rules.DefaultPolicy(y, 1_000_000+shebao.Fen(y-2020)*10_000)))
	}
	return fs
}

func encode(t *testing.T, fs []PolicyForm) string {
	t.Helper()
	b, err := json.Marshal(fs)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// An office going live imports its past years, this year and next in one
// file; the same file again changes nothing; a file that would change a
// year in force is refused whole.
func TestImportPolicyYears(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s := testService(db, shebao.NewDate(2026, 7, 8))
		file := yearsFile(t, 2023, 2024, 2025, 2026, 2027)
		rep, errs := s.ImportPolicyYears(t.Context(), staff, strings.NewReader(encode(t, file)))
		if len(errs) > 0 || len(rep.Saved) != 5 {
			t.Fatalf("first import: %+v %v", rep, errs)
		}
		ps, err := s.Policies(t.Context(), staff)
		if err != nil || len(ps) != 5 || ps[0].Year != 2027 || ps[4].Year != 2023 {
			t.Fatalf("policies: %v %v", ps, err)
		}
		rep, errs = s.ImportPolicyYears(t.Context(), staff, strings.NewReader(encode(t, file)))
		if len(errs) > 0 || len(rep.Saved) != 0 || len(rep.Unchanged) != 5 {
			t.Fatalf("the same file again: %+v %v", rep, errs)
		}

		file[1].BaseFloor = "1000"       // 2024 is past: refused
		file[4].AvgMonthlyWage = "12000" // 2027 may change, but not alone
		file = append(file, file[0])     // 2023 twice
		_, errs = s.ImportPolicyYears(t.Context(), staff, strings.NewReader(encode(t, file)))
		var got []string
		for _, e := range errs {
			var ye *YearError
			if !errors.As(e, &ye) {
				t.Fatalf("not a year's error: %v", e)
			}
			got = append(got, shebao.AsError(e).Reason)
		}
		if strings.Join(got, " ") != "POLICY_YEAR_TWICE POLICY_YEAR_IN_FORCE" {
			t.Fatalf("problems: %v", errs)
		}
		var p shebao.Policy
		err = db.View(t.Context(), func(tx shebao.Tx) (err error) { p, err = PolicyFor(t.Context(), tx, 2027); return })
		if err != nil || p.Version != 1 {
			t.Fatalf("2027 after a refused import: version %d, %v", p.Version, err)
		}
	})
}
