package register_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"shebao"
	"shebao/admin"
	"shebao/register"
	"shebao/register/registertest"
	"shebao/retirement"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

var day = shebao.NewDate(2026, 7, 8)

// setup returns a service on an empty database with this year's policy,
// and a folder with a generated register.
func setup(t *testing.T, db *sqldb.DB, units, persons int) (*register.Service, string) {
	t.Helper()
	err := db.InTx(t.Context(), func(tx shebao.Tx) error {
		p := rules.DefaultPolicy(2026, 1_000_000)
		return tx.SavePolicy(t.Context(), &p)
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := registertest.Write(dir, registertest.Size{Units: units, Persons: persons, Today: day}); err != nil {
		t.Fatal(err)
	}
	return &register.Service{Store: db, Clock: shebao.FixedDayClock{Day: day}}, dir
}

// importDir runs the service on every file of dir.
func importDir(t *testing.T, s *register.Service, dir string, apply bool) register.Report {
	t.Helper()
	var files []register.File
	for _, k := range register.Kinds() {
		f, err := os.Open(filepath.Join(dir, k+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		files = append(files, register.File{Name: k + ".csv", Data: f})
	}
	rep, err := s.Import(t.Context(), admin.CommandLine, files, apply)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func readiness(t *testing.T, db *sqldb.DB) shebao.Readiness {
	t.Helper()
	var r shebao.Readiness
	err := db.View(t.Context(), func(tx shebao.Tx) (err error) { r, err = tx.Readiness(t.Context()); return })
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func counts(rep register.Report) string {
	var b strings.Builder
	for _, c := range rep.Files {
		b.WriteString(c.File + ":" + itoa(c.Inserted) + "/" + itoa(c.Updated) + "/" + itoa(c.Unchanged) + " ")
	}
	return strings.TrimSpace(b.String())
}

func itoa(n int) string { return strconv.Itoa(n) }

// A dry run writes nothing and says what an import would do; the import
// stores it all; importing the same files again changes nothing.
func TestImportRegister(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, dir := setup(t, db, 4, 12)
		dry := importDir(t, s, dir, false)
		want := "units.csv:4/0/0 persons.csv:12/0/0 coverages.csv:48/0/0 bases.csv:12/0/0 registrations.csv:12/0/0 operators.csv:4/0/0"
		if dry.Applied || dry.Errors != 0 || counts(dry) != want {
			t.Fatalf("dry run: %s, %+v", counts(dry), dry.Problems)
		}
		if r := readiness(t, db); r.Units != 0 || r.Persons != 0 {
			t.Fatalf("the dry run wrote: %+v", r)
		}
		rep := importDir(t, s, dir, true)
		if !rep.Applied || counts(rep) != want {
			t.Fatalf("import: %s, %+v", counts(rep), rep.Problems)
		}
		r := readiness(t, db)
		if r.Units != 4 || r.Persons != 12 || r.ActiveCoverages != 24 || r.AwaitingLetters != 4 {
			t.Fatalf("after the import: %+v", r)
		}
		again := importDir(t, s, dir, true)
		if again.Changed() || again.Errors != 0 {
			t.Fatalf("the same files again: %s %+v", counts(again), again.Problems)
		}
	})
}

// A rejected row stops the whole import, named by file, row and column;
// once fixed, the register imports.
func TestImportRegisterRejectedRow(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, dir := setup(t, db, 3, 6)
		good, err := os.ReadFile(filepath.Join(dir, "coverages.csv"))
		if err != nil {
			t.Fatal(err)
		}
		// A second open pension for person 0, at another unit, and an ID
		// number with a wrong check character.
		bad := string(good) + registertest.IDNumber(0) + "," + registertest.CreditCode(1) + ",养老,2026-01,,9000\n" +
			registertest.IDNumber(1)[:17] + "0," + registertest.CreditCode(1) + ",pension,2020-01,2020-12,9000\n"
		write(t, dir, "coverages.csv", bad)
		rep := importDir(t, s, dir, true)
		var got []string
		for _, p := range rep.Problems {
			got = append(got, p.File+" "+itoa(p.Row)+" "+p.Column+" "+p.Reason)
		}
		want := "coverages.csv 26 from REGISTER_OVERLAP|coverages.csv 27 id_number ID_CHECK"
		if rep.Applied || strings.Join(got, "|") != want {
			t.Fatalf("problems: %q, want %q", strings.Join(got, "|"), want)
		}
		if r := readiness(t, db); r.Units != 0 || r.Persons != 0 {
			t.Fatalf("a refused import wrote: %+v", r)
		}
		write(t, dir, "coverages.csv", string(good))
		if rep := importDir(t, s, dir, true); !rep.Applied {
			t.Fatalf("after the fix: %+v", rep.Problems)
		}
	})
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// Imported history counts: a person with 15 years of coverage spans in the
// old system has 180 contributed months in the retirement pre-review.
func TestImportedHistoryCountsInRetirementReview(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, dir := setup(t, db, 3, 3)
		if rep := importDir(t, s, dir, true); !rep.Applied {
			t.Fatalf("import: %+v", rep.Problems)
		}
		var unit shebao.Unit
		err := db.View(t.Context(), func(tx shebao.Tx) (err error) {
			unit, err = tx.UnitByCreditCode(t.Context(), registertest.CreditCode(registertest.Unit(1, 3)))
			return
		})
		if err != nil {
			t.Fatal(err)
		}
		op := shebao.Actor{AccountID: 1, Username: "op", Role: shebao.RoleOperator, UnitID: unit.ID, Channel: shebao.Online}
		rs := &retirement.Service{Store: db, Clock: shebao.FixedDayClock{Day: day}}
		res, err := rs.Review(t.Context(), op, retirement.Request{IDNumber: registertest.IDNumber(1)})
		if err != nil {
			t.Fatal(err)
		}
		// 180 months ago up to last month: 180 months.
		if res.Review.ContributedMonths != 180 {
			t.Fatalf("contributed months: %d, want 180", res.Review.ContributedMonths)
		}
	})
}

// badCheck returns an ID number with a wrong check character.
func badCheck(id string) string {
	if id[17] == '1' {
		return id[:17] + "2"
	}
	return id[:17] + "1"
}
