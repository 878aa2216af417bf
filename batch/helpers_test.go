package batch_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/batch"
	"shebao/declaration"
	"shebao/demo"
	"shebao/handling"
	"shebao/rules"
	"shebao/sqldb"
)

// day is the fixed office day of these tests: business period 2026-07.
var day = shebao.NewDate(2026, 7, 8)

// fixture is a small demo district with unit A's operator.
type fixture struct {
	db    *sqldb.DB
	clock shebao.Clock
	svc   *batch.Service
	guide demo.Guide
	op    shebao.Actor
	unit  shebao.Unit
}

func newFixture(t testing.TB, db *sqldb.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	clock := shebao.FixedDayClock{Day: day}
	g, err := demo.Load(ctx, db, clock, demo.Size{Units: 1, PeoplePerUnit: 3, HistoryMonths: 2}, 4)
	if err != nil {
		t.Fatal(err)
	}
	fx := &fixture{db: db, clock: clock, guide: g}
	fx.svc = &batch.Service{Store: db, Clock: clock, Handling: &handling.Service{Store: db, Clock: clock},
		Declaration: &declaration.Service{Store: db, Clock: clock}}
	err = db.View(ctx, func(tx shebao.Tx) error {
		acc, err := tx.AccountByUsername(ctx, g.OperatorA)
		if err != nil {
			return err
		}
		fx.op = shebao.Actor{AccountID: acc.ID, Username: acc.Username, Role: acc.Role, UnitID: acc.UnitID, Channel: shebao.Online}
		fx.unit, err = tx.Unit(ctx, acc.UnitID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fx
}

// idNumber returns the i-th valid test ID number: region 110105, a birth
// date in 1975–1995, a sequence, and the right check character.
func idNumber(i int) string {
	birth := shebao.NewDate(1975, 1, 1).AddDays(i % 7000)
	first17 := fmt.Sprintf("110105%08d%03d", int(birth), 100+i/7000)
	return first17 + string(rules.IDCheckChar(first17))
}

// person is one test employee.
type person struct {
	ID   string
	Name string
}

// addPeople creates n persons, registered with the fixture's unit from
// 2026-06-01 (made 2026-06-01) unless unregistered says otherwise.
func (fx *fixture) addPeople(t testing.TB, from, n int, registered bool) []person {
	t.Helper()
	ctx := context.Background()
	out := make([]person, n)
	err := fx.db.InTx(ctx, func(tx shebao.Tx) error {
		for i := range out {
			id := idNumber(from + i)
			out[i] = person{ID: id, Name: "员工" + strconv.Itoa(from+i)}
			birth, _ := shebao.ParseDate(id[6:10] + "-" + id[10:12] + "-" + id[12:14])
			p := shebao.Person{IDNumber: id, Name: out[i].Name, Sex: shebao.Male, BirthDate: birth}
			if err := tx.CreatePerson(ctx, &p); err != nil {
				return err
			}
			if !registered {
				continue
			}
			r := shebao.Registration{SourceID: "T-" + id, PersonID: p.ID, UnitID: fx.unit.ID,
				Start: shebao.NewDate(2026, 6, 1), RegisteredOn: shebao.NewDate(2026, 6, 1)}
			if err := tx.PutRegistration(ctx, &r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// formula is a cell written as a formula (without a cached value); other
// values are written as they are: a string as text, an int or a float64
// as a number.
type formula string

// workbook writes a header and rows with excelize's stream writer;
// merges are ranges to merge, written "A5 B5".
func workbook(t testing.TB, header []string, rows [][]any, merges ...string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	h := make([]any, len(header))
	for i, v := range header {
		h[i] = v
	}
	if err := sw.SetRow("A1", h); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		vals := make([]any, len(r))
		for j, v := range r {
			if fm, ok := v.(formula); ok {
				vals[j] = excelize.Cell{Formula: string(fm)}
				continue
			}
			vals[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, vals); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range merges {
		var a, b string
		fmt.Sscanf(m, "%s %s", &a, &b)
		if err := sw.MergeCell(a, b); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// countItems returns how many items a unit has.
func countItems(t testing.TB, db *sqldb.DB, unitID int64) (items int) {
	t.Helper()
	ctx := context.Background()
	err := db.View(ctx, func(tx shebao.Tx) error {
		// the count is exact up to Offset + shebao.CountCap: an offset past
		// any test's items makes it exact here
		_, n, err := tx.Items(ctx, shebao.ItemFilter{UnitID: unitID, Limit: 1, Offset: 1 << 20})
		items = n
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return items
}

func handlingRequest(fx *fixture, p person, key string) handling.Request {
	return handling.Request{Type: shebao.ItemEnroll, IDNumber: p.ID, Wage: 800000, ClientKey: key}
}
