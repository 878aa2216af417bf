package sqldb_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"shebao"
	"shebao/demo"
	"shebao/demo/demotest"
	"shebao/services"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// t0 is a time with microsecond precision, the precision of stored times.
var t0 = time.Date(2026, 7, 8, 9, 30, 15, 123456000, shebao.Office)

// smallDemo loads a demo of 2 units of 10 people into db, on 2026-07-08,
// and returns its guide and the services over db.
func smallDemo(t *testing.T, db *sqldb.DB) (demo.Guide, *services.Set) {
	t.Helper()
	clock := demotest.NewClock(shebao.NewDate(2026, time.July, 8))
	g, err := demo.Load(t.Context(), db, clock, demo.Size{Units: 2, PeoplePerUnit: 10, HistoryMonths: 3, CloseMonths: 1}, 4)
	if err != nil {
		t.Fatal(err)
	}
	return g, demotest.Services(t, db, clock)
}

// update runs fn in a read-write transaction and fails the test on error.
func update(t testing.TB, db *sqldb.DB, fn func(tx shebao.Tx) error) {
	t.Helper()
	if err := db.InTx(t.Context(), fn); err != nil {
		t.Fatal(err)
	}
}

// view runs fn in a read-only transaction and fails the test on error.
func view(t testing.TB, db *sqldb.DB, fn func(tx shebao.Tx) error) {
	t.Helper()
	if err := db.View(t.Context(), fn); err != nil {
		t.Fatal(err)
	}
}

// wantCode fails the test unless err carries the domain error code.
func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	if got := shebao.ErrorCode(err); got != code {
		t.Fatalf("error code = %q, want %q (err: %v)", got, code, err)
	}
}

// diff fails the test when got and want differ.
func diff(t testing.TB, what string, got, want any) {
	t.Helper()
	if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", what, d)
	}
}

// newUnit creates a unit with the given credit code and name.
func newUnit(t testing.TB, db *sqldb.DB, code, name string) shebao.Unit {
	t.Helper()
	u := shebao.Unit{CreditCode: code, Name: name, Address: "北京市朝阳区", Contact: "王经理",
		Phone: "010-12345678", Industry: "软件", RiskClass: 1, Status: shebao.UnitActive, CreatedAt: t0}
	update(t, db, func(tx shebao.Tx) error { return tx.CreateUnit(t.Context(), &u) })
	return u
}

// newPerson creates a person with the given ID number and name.
func newPerson(t testing.TB, db *sqldb.DB, idNumber, name string) shebao.Person {
	t.Helper()
	p := shebao.Person{IDNumber: idNumber, Name: name, Sex: shebao.Female, BirthDate: 19900307,
		PostCategory: shebao.PostWorker, Phone: "13800000000", Address: "北京市"}
	update(t, db, func(tx shebao.Tx) error { return tx.CreatePerson(t.Context(), &p) })
	return p
}

// newItem returns an unsaved enrollment item of p at u.
func newItem(u shebao.Unit, p shebao.Person, at time.Time) shebao.Item {
	return shebao.Item{Type: shebao.ItemEnroll, UnitID: u.ID, PersonID: p.ID, Channel: shebao.Online,
		Period: 202607, Status: shebao.StatusApproved, Wage: 800000, Base: 800000, CreatedBy: 7,
		CreatedAt: at, DecidedAt: at, UnitName: u.Name, PersonName: p.Name, IDNumber: p.IDNumber}
}

// idNumber returns a distinct (not check-valid) 18-character ID number.
func idNumber(i int) string { return fmt.Sprintf("1101051990%07dX", i) }

// openAtVersion opens a fresh database of dialect migrated up to version
// only, to test what a later migration does to the rows it finds; it is
// closed when the test ends.
func openAtVersion(t *testing.T, dialect string, version int64) *sqldb.DB {
	t.Helper()
	db, err := sqldb.Open(t.Context(), sqldbtest.URL(t, dialect))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.MigrateToForTest(t.Context(), version); err != nil {
		t.Fatal(err)
	}
	return db
}
