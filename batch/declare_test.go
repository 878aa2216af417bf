package batch_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/batch"
	"shebao/declaration"
	"shebao/handling"
	"shebao/i18n"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

var declareHeader = batch.Headers(shebao.BatchDeclare)

// declareFixture is the batch fixture with a clock the test can move and
// six people insured at unit A from 2026-07.
type declareFixture struct {
	*fixture
	clock  *shebao.FixedDayClock
	staff  []person // insured at unit A
	others []person // registered with unit A, not insured
}

func newDeclareFixture(t *testing.T, db *sqldb.DB) *declareFixture {
	t.Helper()
	fx := newFixture(t, db)
	clock := &shebao.FixedDayClock{Day: day}
	fx.svc = &batch.Service{Store: db, Clock: clock, Handling: &handling.Service{Store: db, Clock: clock},
		Declaration: &declaration.Service{Store: db, Clock: clock}}
	d := &declareFixture{fixture: fx, clock: clock}
	people := fx.addPeople(t, 0, 8, true)
	d.staff, d.others = people[:6], people[6:]
	for _, p := range d.staff {
		it, err := fx.svc.Handling.Submit(context.Background(), fx.op, handlingRequest(fx, p, ""))
		if err != nil || it.Status != shebao.StatusApproved {
			t.Fatalf("enroll %s: %+v %v", p.ID, it, err)
		}
	}
	return d
}

// declarations is the declaration service a declare batch goes through.
func (d *declareFixture) declarations() *declaration.Service { return d.svc.Declaration }

// declareItems counts unit A's declare items; declarations counts its
// declarations of 2026.
func (d *declareFixture) declareItems(t *testing.T) (items, declarations int) {
	t.Helper()
	ctx := context.Background()
	err := d.db.View(ctx, func(tx shebao.Tx) error {
		_, n, err := tx.Items(ctx, shebao.ItemFilter{UnitID: d.unit.ID, Type: shebao.ItemDeclare, Limit: 1})
		if err != nil {
			return err
		}
		ds, err := tx.Declarations(ctx, d.unit.ID, 2026)
		items, declarations = n, len(ds)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return items, declarations
}

// declareUpload is a declaration workbook with good and bad rows, and the
// outcome each bad row must have (by worksheet row); rows 2, 3 and 5 are
// good, at the ceiling, the floor and unclamped.
func declareUpload(t *testing.T, d *declareFixture) ([]byte, map[int]want) {
	s, o := d.staff, d.others
	rows := [][]any{
		{s[0].ID, s[0].Name, 50000},        // 2: above the ceiling ¥33,600
		{s[1].ID, s[1].Name, "3000"},       // 3: below the floor ¥6,720, as text
		{s[2].ID, s[2].Name, "八千"},         // 4: not a number
		{s[3].ID, s[3].Name, 12345.67},     // 5: good, a float cell
		{s[0].ID, s[0].Name, 9000},         // 6: the same person as row 2
		{o[0].ID, o[0].Name, 9000},         // 7: registered here, not insured
		{s[4].ID, "张冠李戴", 9000},            // 8: not the name on record
		{s[5].ID, s[5].Name, "-9000"},      // 9: negative
		{s[5].ID[:17] + "0", "某人", 9000},   // 10: wrong check character, unless it happens to be right
		{idNumber(9500), "查无此人", 9000},     // 11: nobody the district knows
		{s[5].ID, s[5].Name, formula("1")}, // 12: a formula
		{s[5].ID, s[5].Name, 400000},       // 13: above 10 × the ceiling
	}
	if s[5].ID[17] == '0' {
		rows[8][0] = s[5].ID[:17] + "1"
	}
	wants := map[int]want{
		4:  {shebao.RowMalformed, batch.HeaderDeclaredWage, shebao.ReasonAmountMalformed, nil},
		6:  {shebao.RowMalformed, batch.HeaderIDNumber, batch.ReasonDuplicateID, []string{"2"}},
		7:  {shebao.RowRefused, "", declaration.ReasonNotInsuredHere, nil},
		8:  {shebao.RowRefused, "", declaration.ReasonNameMismatch, nil},
		9:  {shebao.RowMalformed, batch.HeaderDeclaredWage, declaration.ReasonAmountNegative, nil},
		10: {shebao.RowMalformed, batch.HeaderIDNumber, shebao.ReasonIDCheck, []string{s[5].ID[17:]}},
		11: {shebao.RowRefused, "", declaration.ReasonNotInsuredHere, nil},
		12: {shebao.RowMalformed, "", batch.ReasonFormula, []string{"C12"}},
		13: {shebao.RowMalformed, batch.HeaderDeclaredWage, declaration.ReasonWageAbsurd, []string{"¥336,000.00", "¥33,600.00"}},
	}
	return workbook(t, declareHeader, rows), wants
}

// goodDeclared are the good rows' bases and clamps.
var goodDeclared = map[int]struct {
	base  shebao.Fen
	clamp rules.Clamp
}{2: {3360000, rules.ClampCeiling}, 3: {672000, rules.ClampFloor}, 5: {1234567, rules.ClampNone}}

func TestDeclareBatch(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		d := newDeclareFixture(t, db)
		file, wants := declareUpload(t, d)

		b, err := d.svc.Upload(ctx, d.op, 0, shebao.BatchDeclare, "基数.xlsx", file)
		if err != nil {
			t.Fatal(err)
		}
		if b.Kind != shebao.BatchDeclare || b.Rows != 12 || b.OK != 3 || b.Refused != 3 || b.Malformed != 6 {
			t.Fatalf("dry run counts: %+v", b)
		}
		if items, decls := d.declareItems(t); items != 0 || decls != 0 {
			t.Fatalf("the dry run wrote %d declare items, %d declarations", items, decls)
		}
		// The cost is the change of the unit's monthly bill: what
		// declaration's own check says for the three good rows.
		check, err := d.declarations().Check(ctx, d.op, 0, []declaration.Entry{
			{IDNumber: d.staff[0].ID, Wage: "50000"}, {IDNumber: d.staff[1].ID, Wage: "3000"},
			{IDNumber: d.staff[3].ID, Wage: "12345.67"}})
		if err != nil {
			t.Fatal(err)
		}
		if b.CostEmployer+b.CostEmployee != check.NewBill-check.OldBill || b.CostEmployer == 0 {
			t.Errorf("batch cost %d + %d, want the bill's change %d", b.CostEmployer, b.CostEmployee, check.NewBill-check.OldBill)
		}
		checkDeclareRows(t, d, b.ID, wants, false)
		checkDeclareWorkbook(t, d, b.ID, wants, false)

		applied, err := d.svc.Begin(ctx, d.op, b.ID, false)
		if err != nil || applied.Status != shebao.BatchApplied || applied.Applied != 3 || applied.Refused != 3 {
			t.Fatalf("apply: %+v %v", applied, err)
		}
		if items, decls := d.declareItems(t); items != 3 || decls != 3 {
			t.Fatalf("after apply: %d declare items, %d declarations, want 3 and 3", items, decls)
		}
		again, err := d.svc.Begin(ctx, d.op, b.ID, false)
		if err != nil || again.Applied != 3 {
			t.Fatalf("second apply: %+v %v", again, err)
		}
		if items, _ := d.declareItems(t); items != 3 {
			t.Fatalf("after the second apply: %d declare items, want 3", items)
		}
		checkDeclareRows(t, d, b.ID, wants, true)
		checkDeclareWorkbook(t, d, b.ID, wants, true)

		// declaration's Apply with a row's key finds the row's item.
		_, rows, _ := d.svc.Rows(ctx, d.op, b.ID)
		replay, err := d.declarations().Apply(ctx, d.op, 0, []declaration.Entry{
			{Row: 2, IDNumber: d.staff[0].ID, Wage: "50000", ClientKey: batch.ClientKey(b.ID, 2)}})
		if err != nil || len(replay.Lines) != 1 || !replay.Lines[0].Item.Replayed || replay.Lines[0].Item.ID != rows[0].ItemID {
			t.Fatalf("replay: %+v %v", replay, err)
		}
		if items, _ := d.declareItems(t); items != 3 {
			t.Fatalf("after the replay: %d declare items, want 3", items)
		}
	})
}

// checkDeclareRows checks every stored row of a declaration batch.
func checkDeclareRows(t *testing.T, d *declareFixture, id int64, wants map[int]want, applied bool) {
	t.Helper()
	_, rows, err := d.svc.Rows(context.Background(), d.op, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		bad := checkOutcome(t, r, wants, applied)
		if bad {
			continue
		}
		g := goodDeclared[r.Row]
		if r.Type != shebao.ItemDeclare || r.Period != shebao.NewPeriod(2026, 7) || r.Base != g.base || r.Clamp != string(g.clamp) {
			t.Errorf("row %d: %s period %s base %d %s, want %d %s", r.Row, r.Type, r.Period, r.Base, r.Clamp, g.base, g.clamp)
		}
		if applied && (r.ItemID == 0 || r.Receipt == "") {
			t.Errorf("row %d: applied without an item", r.Row)
		}
	}
}

// checkDeclareWorkbook re-opens the annotated workbook with excelize and
// checks each row's status and result.
func checkDeclareWorkbook(t *testing.T, d *declareFixture, id int64, wants map[int]want, applied bool) {
	t.Helper()
	data, _, err := d.svc.Workbook(context.Background(), d.op, id, i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != strings.Join(declareHeader, ",")+",处理状态,处理说明" {
		t.Fatalf("header %s", got)
	}
	if len(rows) != 13 {
		t.Fatalf("%d rows in the annotated workbook, want 13", len(rows))
	}
	for i, cells := range rows[1:] {
		n := i + 2
		for len(cells) < 5 {
			cells = append(cells, "")
		}
		w, bad := wants[n]
		status := "batch.outcome.ok"
		if applied {
			status = "batch.outcome.applied"
		}
		if bad {
			status = "batch.outcome." + string(w.outcome)
		}
		if cells[3] != i18n.T(i18n.ZH, status) {
			t.Errorf("row %d: status %q, want %q", n, cells[3], i18n.T(i18n.ZH, status))
		}
		g := goodDeclared[n]
		switch {
		case bad && !strings.Contains(cells[4], i18n.T(i18n.ZH, "reason."+w.reason, w.args...)):
			t.Errorf("row %d: result %q, want %s", n, cells[4], w.reason)
		case !bad && applied && !strings.HasPrefix(cells[4], "受理编号 SB"):
			t.Errorf("row %d: result %q has no receipt", n, cells[4])
		case !bad && (!strings.Contains(cells[4], g.base.String()) || !strings.Contains(cells[4], "2026-07") ||
			!strings.Contains(cells[4], i18n.T(i18n.ZH, "clamp."+string(g.clamp)))):
			t.Errorf("row %d: result %q lacks base %s, clamp %s or period", n, cells[4], g.base, g.clamp)
		}
	}
}

// TestDeclareBatchOutsideWindow: uploaded after the window, every readable
// row is refused; checked in the window and applied after it closed, the
// rows are refused then and nothing is written.
func TestDeclareBatchOutsideWindow(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		d := newDeclareFixture(t, db)
		file := workbook(t, declareHeader, [][]any{
			{d.staff[0].ID, d.staff[0].Name, 9000}, {d.staff[1].ID, d.staff[1].Name, "abc"}})

		inWindow, err := d.svc.Upload(ctx, d.op, 0, shebao.BatchDeclare, "a.xlsx", file)
		if err != nil || inWindow.OK != 1 {
			t.Fatalf("upload in the window: %+v %v", inWindow, err)
		}
		d.clock.Day = shebao.NewDate(2026, 8, 5) // the window was 07-01 – 07-31
		late, err := d.svc.Upload(ctx, d.op, 0, shebao.BatchDeclare, "b.xlsx", file)
		if err != nil || late.OK != 0 || late.Refused != 1 || late.Malformed != 1 {
			t.Fatalf("upload after the window: %+v %v", late, err)
		}
		_, rows, _ := d.svc.Rows(ctx, d.op, late.ID)
		if r := rows[0]; r.Reason != declaration.ReasonWindowClosed || strings.Join(r.Args, " ") != "2026-07-01 2026-07-31" {
			t.Errorf("row after the window: %+v", r)
		}

		applied, err := d.svc.Begin(ctx, d.op, inWindow.ID, false)
		if err != nil || applied.Status != shebao.BatchApplied || applied.Applied != 0 || applied.Refused != 1 {
			t.Fatalf("apply after the window closed: %+v %v", applied, err)
		}
		_, rows, _ = d.svc.Rows(ctx, d.op, inWindow.ID)
		if rows[0].Outcome != shebao.RowRefused || rows[0].Reason != declaration.ReasonWindowClosed {
			t.Errorf("row applied after the window: %+v", rows[0])
		}
		if items, decls := d.declareItems(t); items != 0 || decls != 0 {
			t.Fatalf("%d declare items, %d declarations after the window", items, decls)
		}
	})
}

// TestDeclareBatchResume: a row declared before the apply was recorded (a
// crash) is found by its key when the apply resumes; all-or-nothing with a
// bad row declares nothing.
func TestDeclareBatchResume(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		d := newDeclareFixture(t, db)
		var good [][]any
		for _, p := range d.staff[:3] {
			good = append(good, []any{p.ID, p.Name, "9000"})
		}
		bad := append(append([][]any{}, good...), []any{d.others[0].ID, d.others[0].Name, "9000"})
		b, err := d.svc.Upload(ctx, d.op, 0, shebao.BatchDeclare, "bad.xlsx", workbook(t, declareHeader, bad))
		if err != nil {
			t.Fatal(err)
		}
		if got, err := d.svc.Begin(ctx, d.op, b.ID, true); err != nil || got.Status != shebao.BatchRejected {
			t.Fatalf("all or nothing with a bad row: %+v %v", got, err)
		}
		if items, _ := d.declareItems(t); items != 0 {
			t.Fatalf("all or nothing declared %d", items)
		}

		b, err = d.svc.Upload(ctx, d.op, 0, shebao.BatchDeclare, "good.xlsx", workbook(t, declareHeader, good))
		if err != nil {
			t.Fatal(err)
		}
		if _, run, err := d.svc.Start(ctx, d.op, b.ID, true); err != nil || !run {
			t.Fatalf("start: %v %v", run, err)
		}
		// The process declared row 3 and died before it wrote the progress.
		_, err = d.declarations().Apply(ctx, d.op, 0, []declaration.Entry{
			{Row: 3, IDNumber: d.staff[1].ID, Wage: "9000", ClientKey: batch.ClientKey(b.ID, 3)}})
		if err != nil {
			t.Fatal(err)
		}
		done, err := d.svc.Begin(ctx, d.op, b.ID, true)
		if err != nil || done.Status != shebao.BatchApplied || done.Applied != 3 {
			t.Fatalf("resumed: %+v %v", done, err)
		}
		if items, decls := d.declareItems(t); items != 3 || decls != 3 {
			t.Fatalf("%d declare items, %d declarations, want 3: a row was declared twice", items, decls)
		}
	})
}
