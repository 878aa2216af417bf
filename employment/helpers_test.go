package employment_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"shebao"
	"shebao/employment"
	"shebao/rules"
	"shebao/sqldb"
)

// now is the fixed time of every test: 2026-07-08 10:00 in the office.
var now = time.Date(2026, 7, 8, 10, 0, 0, 0, shebao.Office)

type fixedClock time.Time

func (c fixedClock) Now() time.Time { return time.Time(c) }

// staff is the clerk who uploads files.
var staff = shebao.Actor{AccountID: 3, Username: "clerk1", Role: shebao.RoleClerk, Channel: shebao.Counter}

// creditCode returns a valid credit code, distinct for each i.
func creditCode(t testing.TB, i int) string {
	t.Helper()
	c, ok := rules.MakeCreditCode(fmt.Sprintf("91110105MA%06d", i))
	if !ok {
		t.Fatalf("credit code %d", i)
	}
	return c
}

// idNumber returns a valid ID number born on 1990-01-01 plus i days,
// with the sequence digit odd (male) for odd i.
func idNumber(i int) string {
	birth := shebao.NewDate(1990, 1, 1).AddDays(i)
	first17 := fmt.Sprintf("110105%08d%03d", int32(birth), 100+i%900)
	return first17 + string(rules.IDCheckChar(first17))
}

// newService returns an employment service over db with one unit, whose
// credit code it returns.
func newService(t testing.TB, db *sqldb.DB) (*employment.Service, shebao.Unit) {
	t.Helper()
	u := shebao.Unit{CreditCode: creditCode(t, 1), Name: "示范科技有限公司", Status: shebao.UnitActive, RiskClass: 1, CreatedAt: now}
	if err := db.InTx(t.Context(), func(tx shebao.Tx) error { return tx.CreateUnit(t.Context(), &u) }); err != nil {
		t.Fatal(err)
	}
	return &employment.Service{Store: db, Clock: fixedClock(now)}, u
}

// csvFile returns recs as a CSV file.
func csvFile(t testing.TB, recs []employment.Record) *bytes.Buffer {
	t.Helper()
	var b bytes.Buffer
	if err := employment.WriteCSV(&b, recs); err != nil {
		t.Fatal(err)
	}
	return &b
}

// xlsxFile returns recs as an .xlsx file.
func xlsxFile(t testing.TB, recs []employment.Record) *bytes.Buffer {
	t.Helper()
	var b bytes.Buffer
	if err := employment.WriteXLSX(&b, recs); err != nil {
		t.Fatal(err)
	}
	return &b
}

// counts are the counters of a report.
type counts struct{ Read, Inserted, Updated, Unchanged, Rejected int }

func countsOf(r shebao.ImportReport) counts {
	return counts{r.Read, r.Inserted, r.Updated, r.Unchanged, r.Rejected}
}

func diff(t testing.TB, what string, got, want any) {
	t.Helper()
	if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", what, d)
	}
}

func wantCode(t testing.TB, err error, code, reason string) {
	t.Helper()
	e := shebao.AsError(err)
	if err == nil || e.Code != code || e.Reason != reason {
		t.Fatalf("error = %v, want %s %s", err, code, reason)
	}
}

func hexOf(b []byte) string { return fmt.Sprintf("%x", b) }
