package batch_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/batch"
	"shebao/i18n"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

var enrollHeader = batch.Headers(shebao.BatchEnroll)

// want is the outcome a row of the big upload must have.
type want struct {
	outcome shebao.BatchOutcome
	column  string
	reason  string
	args    []string
}

// bigUpload builds an enrollment workbook of n data rows (plus one empty
// row) for registered people, with broken rows among them, and returns it
// with the outcome each broken row must have (by worksheet row); every
// other row must pass.
func bigUpload(t testing.TB, fx *fixture, n int) ([]byte, map[int]want, [][]any) {
	people := fx.addPeople(t, 0, n, true)
	unregistered := fx.addPeople(t, 9000, 1, false)[0]
	legacy := "110105900101123"
	badCheck := people[10].ID[:17] + string("0123456789X"[(strings.IndexByte("0123456789X", people[10].ID[17])+1)%11])
	rows := make([][]any, n)
	wants := map[int]want{}
	for i := range rows {
		p := people[i]
		rows[i] = []any{p.ID, p.Name, "新参保", 5000 + (i%7)*1000}
		if i%3 == 0 {
			rows[i][3] = strconv.Itoa(6000+i%5) + ".50" // a number stored as text
		}
	}
	broken := []struct {
		i    int
		cell []any
		want want
	}{
		{10, []any{badCheck, people[10].Name, "新参保", 6000}, want{shebao.RowMalformed, batch.HeaderIDNumber, shebao.ReasonIDCheck, []string{people[10].ID[17:]}}},
		{20, []any{legacy, "旧号码", "新参保", 6000}, want{shebao.RowMalformed, batch.HeaderIDNumber, shebao.ReasonIDLegacy, nil}},
		{30, []any{people[30].ID, people[30].Name, "新参保", ""}, want{shebao.RowMalformed, batch.HeaderWage, shebao.ReasonAmountEmpty, nil}},
		{40, []any{people[40].ID, people[40].Name, "新参保", "八千元"}, want{shebao.RowMalformed, batch.HeaderWage, shebao.ReasonAmountMalformed, nil}},
		{50, []any{people[0].ID, people[0].Name, "新参保", 7000}, want{shebao.RowMalformed, batch.HeaderIDNumber, batch.ReasonDuplicateID, []string{"2"}}},
		{60, []any{unregistered.ID, unregistered.Name, "新参保", 6000}, want{shebao.RowRefused, "", shebao.ReasonNoRegistration, nil}},
		{70, []any{idNumber(9500), "查无此人", "新参保", 6000}, want{shebao.RowRefused, "", shebao.ReasonPersonUnknown, nil}},
		{80, []any{people[80].ID, "张冠李戴", "新参保", 6000}, want{shebao.RowRefused, "", batch.ReasonNameDiffers, nil}},
		{90, []any{people[90].ID, people[90].Name, "新参保", formula("1000*6")}, want{shebao.RowMalformed, "", batch.ReasonFormula, []string{"D92"}}},
		{100, []any{people[100].ID, people[100].Name, "新增", 6000}, want{shebao.RowMalformed, batch.HeaderType, batch.ReasonUnknownType, []string{"新增", "新参保、续保"}}},
		{110, []any{1.10105199001011e17, people[110].Name, "新参保", 6000}, want{shebao.RowMalformed, batch.HeaderIDNumber, batch.ReasonIDAsNumber, nil}},
		{120, []any{people[120].ID, people[120].Name, "续保", 6000}, want{shebao.RowRefused, "", shebao.ReasonNeverInsured, nil}},
		{130, []any{people[130].ID, people[130].Name, "新参保", 6000}, want{shebao.RowMalformed, "", batch.ReasonMerged, []string{"B132:B133"}}},
		{131, []any{people[131].ID, people[131].Name, "新参保", 6000}, want{shebao.RowMalformed, "", batch.ReasonMerged, []string{"B132:B133"}}},
		{140, []any{people[140].ID, people[140].Name, "新参保", "-6000"}, want{shebao.RowMalformed, batch.HeaderWage, shebao.ReasonAmountZero, nil}},
		{150, []any{people[150].ID, people[150].Name, "新参保", "6000.123"}, want{shebao.RowMalformed, batch.HeaderWage, shebao.ReasonAmountMalformed, nil}},
	}
	for _, b := range broken {
		rows[b.i] = b.cell
		wants[b.i+2] = b.want
	}
	rows[160] = []any{people[160].ID, people[160].Name, "新参保", 4494.3} // a float written as 4494.3000000000002 by some
	rows[170] = []any{}                                                // an empty row: skipped
	return workbook(t, enrollHeader, rows, "B132 B133"), wants, rows
}

// TestBigUpload: 600 rows, every kind of bad row among them, applied in
// six chunks of 100 (apply.go). Sizes and speed at 5,000 rows are the
// benchmarks' (bench_test.go), not the test suite's.
func TestBigUpload(t *testing.T) {
	const n = 600
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		fx := newFixture(t, db)
		file, wants, src := bigUpload(t, fx, n)
		itemsBefore := countItems(t, db, fx.unit.ID)

		b, err := fx.svc.Upload(ctx, fx.op, 0, shebao.BatchEnroll, `C:\Users\hr\参保名单.xlsx`, file)
		if err != nil {
			t.Fatal(err)
		}
		malformed, refused := 0, 0
		for _, w := range wants {
			if w.outcome == shebao.RowMalformed {
				malformed++
			} else {
				refused++
			}
		}
		if b.Rows != n-1 || b.Malformed != malformed || b.Refused != refused || b.OK != n-1-malformed-refused {
			t.Fatalf("dry run counts: %+v, want rows %d malformed %d refused %d", b, n-1, malformed, refused)
		}
		if b.FileName != "参保名单.xlsx" || b.Status != shebao.BatchChecked || b.CostEmployer <= 0 || b.CostEmployee <= 0 {
			t.Fatalf("batch %+v", b)
		}
		if got := countItems(t, db, fx.unit.ID); got != itemsBefore {
			t.Fatalf("dry run wrote items: %d, was %d", got, itemsBefore)
		}
		var upload []shebao.AuditEntry
		err = db.View(ctx, func(tx shebao.Tx) (err error) {
			upload, _, err = sqldbtest.AuditLog(ctx, tx, shebao.AuditFilter{Action: "batch.upload"})
			return err
		})
		if err != nil || len(upload) != 1 || upload[0].UnitID != fx.unit.ID || upload[0].AccountID != fx.op.AccountID {
			t.Fatalf("the upload's audit entries: %+v %v, want one for the unit by its operator", upload, err)
		}
		checkRows(t, fx, b.ID, wants, false)
		checkWorkbook(t, fx, b.ID, wants, src, false)

		if _, err := fx.svc.Begin(ctx, fx.op, b.ID, false); err != nil {
			t.Fatal(err)
		}
		fx.svc.Wait() // more than batch.SyncRows rows: applied in the background
		applied, err := fx.svc.Batch(ctx, fx.op, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		if applied.Status != shebao.BatchApplied || applied.Applied != b.OK || applied.Done != b.Rows {
			t.Fatalf("applied %+v, want %d rows applied", applied, b.OK)
		}
		if got := countItems(t, db, fx.unit.ID); got != itemsBefore+b.OK {
			t.Fatalf("items after apply: %d, want %d", got, itemsBefore+b.OK)
		}
		again, err := fx.svc.Begin(ctx, fx.op, b.ID, false)
		if err != nil || again.Applied != b.OK || again.Status != shebao.BatchApplied {
			t.Fatalf("second apply: %+v, %v", again, err)
		}
		if got := countItems(t, db, fx.unit.ID); got != itemsBefore+b.OK {
			t.Fatalf("items after the second apply: %d, want %d", got, itemsBefore+b.OK)
		}
		checkRows(t, fx, b.ID, wants, true)
		checkWorkbook(t, fx, b.ID, wants, src, true)
	})
}

// checkOutcome checks a stored row's outcome, reason and arguments against
// wants (rows not in wants must be OK, or applied once the batch is), and
// reports whether the row was expected to be bad.
func checkOutcome(t *testing.T, r shebao.BatchRow, wants map[int]want, applied bool) bool {
	t.Helper()
	w, bad := wants[r.Row]
	if !bad {
		w = want{outcome: shebao.RowOK}
		if applied {
			w.outcome = shebao.RowApplied
		}
	}
	if r.Outcome != w.outcome || r.Column != w.column || r.Reason != w.reason || strings.Join(r.Args, "|") != strings.Join(w.args, "|") {
		t.Errorf("row %d: %s %q %s %q, want %s %q %s %q", r.Row, r.Outcome, r.Column, r.Reason, r.Args,
			w.outcome, w.column, w.reason, w.args)
	}
	return bad
}

// checkRows checks every stored row's outcome.
func checkRows(t *testing.T, fx *fixture, id int64, wants map[int]want, applied bool) {
	t.Helper()
	_, rows, err := fx.svc.Rows(context.Background(), fx.op, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		bad := checkOutcome(t, r, wants, applied)
		if !bad && (r.Period != shebao.NewPeriod(2026, 7) || r.Base == 0 || r.Employer <= 0) {
			t.Errorf("row %d: period %s base %d employer %d", r.Row, r.Period, r.Base, r.Employer)
		}
		if applied && !bad && (r.ItemID == 0 || r.Receipt == "") {
			t.Errorf("row %d: applied without an item", r.Row)
		}
	}
	if r := rowByNumber(rows, 162); r.Wage != 449430 {
		t.Errorf("row 162: wage %d, want 449430 (4494.30 exactly)", r.Wage)
	}
	if r := rowByNumber(rows, 5); r.Wage != 600350 {
		t.Errorf("row 5: wage %d, want 600350 (text 6003.50)", r.Wage)
	}
}

func rowByNumber(rows []shebao.BatchRow, n int) shebao.BatchRow {
	for _, r := range rows {
		if r.Row == n {
			return r
		}
	}
	return shebao.BatchRow{}
}

// checkWorkbook opens the annotated workbook and checks that every data row
// carries its status and reason, and that the original cells are intact.
func checkWorkbook(t *testing.T, fx *fixture, id int64, wants map[int]want, src [][]any, applied bool) {
	t.Helper()
	data, _, err := fx.svc.Workbook(context.Background(), fx.op, id, i18n.ZH)
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
	if got := strings.Join(rows[0], ","); got != strings.Join(enrollHeader, ",")+",处理状态,处理说明" {
		t.Fatalf("header %s", got)
	}
	for i, cells := range rows[1:] {
		n := i + 2
		if len(src[i]) == 0 {
			if len(cells) != 0 {
				t.Errorf("row %d: empty row annotated: %q", n, cells)
			}
			continue
		}
		for len(cells) < 6 {
			cells = append(cells, "")
		}
		if id, ok := src[i][0].(string); ok && cells[0] != id {
			t.Errorf("row %d: ID number cell changed to %q", n, cells[0])
		}
		w, bad := wants[n]
		status := "batch.outcome.ok"
		if applied {
			status = "batch.outcome.applied"
		}
		if bad {
			status = "batch.outcome." + string(w.outcome)
		}
		if cells[4] != i18n.T(i18n.ZH, status) {
			t.Errorf("row %d: status %q, want %q", n, cells[4], i18n.T(i18n.ZH, status))
		}
		switch {
		case bad && !strings.Contains(cells[5], i18n.T(i18n.ZH, "reason."+w.reason, w.args...)):
			t.Errorf("row %d: reason %q, want %s", n, cells[5], w.reason)
		case bad && w.column != "" && !strings.HasPrefix(cells[5], w.column):
			t.Errorf("row %d: reason %q does not name column %s", n, cells[5], w.column)
		case !bad && applied && !strings.HasPrefix(cells[5], "受理编号 SB"):
			t.Errorf("row %d: result %q has no receipt", n, cells[5])
		case !bad && !strings.Contains(cells[5], "2026-07"):
			t.Errorf("row %d: result %q has no period", n, cells[5])
		}
	}
}

func TestResumeAfterCrash(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		fx := newFixture(t, db)
		people := fx.addPeople(t, 0, 5, true)
		var rows [][]any
		for _, p := range people {
			rows = append(rows, []any{p.ID, p.Name, "新参保", "8000"})
		}
		b, err := fx.svc.Upload(ctx, fx.op, 0, shebao.BatchEnroll, "a.xlsx", workbook(t, enrollHeader, rows))
		if err != nil {
			t.Fatal(err)
		}
		before := countItems(t, db, fx.unit.ID)
		started, run, err := fx.svc.Start(ctx, fx.op, b.ID, false)
		if err != nil || !run || started.Status != shebao.BatchApplying {
			t.Fatalf("start: %+v %v %v", started, run, err)
		}
		// The process submitted row 3 and died before it wrote the progress.
		_, err = fx.svc.Handling.Submit(ctx, fx.op, handlingRequest(fx, people[1], batch.ClientKey(b.ID, 3)))
		if err != nil {
			t.Fatal(err)
		}
		// The operator confirms again: the batch resumes.
		done, err := fx.svc.Begin(ctx, fx.op, b.ID, false)
		if err != nil || done.Status != shebao.BatchApplied || done.Applied != 5 {
			t.Fatalf("resumed: %+v %v", done, err)
		}
		if got := countItems(t, db, fx.unit.ID); got != before+5 {
			t.Fatalf("items %d, want %d: a row was submitted twice", got, before+5)
		}
	})
}

func TestAllOrNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		fx := newFixture(t, db)
		people := fx.addPeople(t, 0, 6, true)
		good := [][]any{{people[0].ID, people[0].Name, "新参保", 8000}, {people[1].ID, people[1].Name, "新参保", 9000}}
		bad := append(append([][]any{}, good...), []any{people[2].ID, people[2].Name, "新参保", "abc"})
		before := countItems(t, db, fx.unit.ID)

		b, err := fx.svc.Upload(ctx, fx.op, 0, shebao.BatchEnroll, "bad.xlsx", workbook(t, enrollHeader, bad))
		if err != nil {
			t.Fatal(err)
		}
		got, err := fx.svc.Begin(ctx, fx.op, b.ID, true)
		if err != nil || got.Status != shebao.BatchRejected || got.Applied != 0 {
			t.Fatalf("all-or-nothing with a bad row: %+v %v", got, err)
		}
		if n := countItems(t, db, fx.unit.ID); n != before {
			t.Fatalf("all-or-nothing applied %d items", n-before)
		}
		_, rows, _ := fx.svc.Rows(ctx, fx.op, b.ID)
		if rows[0].Outcome != shebao.RowSkipped || rows[0].Reason != batch.ReasonAllOrNothing || rows[0].Args[0] != "1" {
			t.Fatalf("good row of a rejected batch: %+v", rows[0])
		}
		// Asking again changes nothing, even without the option.
		if again, _ := fx.svc.Begin(ctx, fx.op, b.ID, false); again.Status != shebao.BatchRejected {
			t.Fatalf("re-apply of a rejected batch: %+v", again)
		}

		b2, err := fx.svc.Upload(ctx, fx.op, 0, shebao.BatchEnroll, "good.xlsx", workbook(t, enrollHeader, good))
		if err != nil {
			t.Fatal(err)
		}
		got, err = fx.svc.Begin(ctx, fx.op, b2.ID, true)
		if err != nil || got.Status != shebao.BatchApplied || got.Applied != 2 {
			t.Fatalf("all-or-nothing, all good: %+v %v", got, err)
		}
		if n := countItems(t, db, fx.unit.ID); n != before+2 {
			t.Fatalf("items %d, want %d", n, before+2)
		}
	})
}

func TestStopBatch(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		fx := newFixture(t, db)
		header := batch.Headers(shebao.BatchStop)
		rows := [][]any{
			{fx.guide.Stop[0], "", "辞职"},
			{fx.guide.Enroll[0], "", "退休"}, // not insured here
			{fx.guide.Stop[0], "", "辞职"},   // twice
			{idNumber(1), "", "跳槽"},
		}
		b, err := fx.svc.Upload(ctx, fx.op, 0, shebao.BatchStop, "stop.xlsx", workbook(t, header, rows))
		if err != nil {
			t.Fatal(err)
		}
		_, got, _ := fx.svc.Rows(ctx, fx.op, b.ID)
		wantReasons := []string{"", shebao.ReasonNotActiveHere, batch.ReasonDuplicateID, batch.ReasonUnknownStop}
		for i, r := range got {
			if r.Reason != wantReasons[i] {
				t.Errorf("row %d: %s %s, want %s", r.Row, r.Outcome, r.Reason, wantReasons[i])
			}
		}
		if got[0].Employer >= 0 || b.CostEmployer >= 0 {
			t.Errorf("a stop should lower the monthly cost: row %d, batch %d", got[0].Employer, b.CostEmployer)
		}
		applied, err := fx.svc.Begin(ctx, fx.op, b.ID, false)
		if err != nil || applied.Applied != 1 {
			t.Fatalf("apply: %+v %v", applied, err)
		}
	})
}

func TestOtherUnitCannotSee(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		fx := newFixture(t, db)
		people := fx.addPeople(t, 0, 1, true)
		b, err := fx.svc.Upload(ctx, fx.op, 0, shebao.BatchEnroll, "a.xlsx",
			workbook(t, enrollHeader, [][]any{{people[0].ID, people[0].Name, "新参保", 8000}}))
		if err != nil {
			t.Fatal(err)
		}
		other := fx.op
		other.UnitID++
		if _, err := fx.svc.Begin(ctx, other, b.ID, false); shebao.ErrorCode(err) != shebao.ENOTFOUND {
			t.Fatalf("another unit's operator applied: %v", err)
		}
		if _, _, err := fx.svc.Workbook(ctx, other, b.ID, i18n.ZH); shebao.ErrorCode(err) != shebao.ENOTFOUND {
			t.Fatalf("another unit's operator downloaded: %v", err)
		}
	})
}
