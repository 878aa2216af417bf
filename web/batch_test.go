package web

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/batch"
)

// uploadBatch posts a workbook to /batches with its kind and any other
// fields (name, value pairs).
func (b *browser) uploadBatch(kind string, data []byte, fields ...string) page {
	b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("csrf", b.csrf)
	_ = mw.WriteField("kind", kind)
	for i := 0; i+1 < len(fields); i += 2 {
		_ = mw.WriteField(fields[i], fields[i+1])
	}
	fw, _ := mw.CreateFormFile("file", "名单.xlsx")
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, b.f.srv.URL+"/batches", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

func batchWorkbook(t *testing.T, rows ...[]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	_ = f.SetSheetRow("Sheet1", "A1", &[]any{"身份证号码", "姓名", "业务类型", "月工资(元)"})
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		_ = f.SetSheetRow("Sheet1", cell, &r)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBatchPages(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		op := f.browser()
		if home := op.login("hr_a"); !home.has(`a[href="/batches"]`) {
			t.Fatal("no batch link on the home catalogue")
		}
		p := op.get("/batches")
		if p.status != http.StatusOK || !p.has("#batch-upload") || !p.has(`a[href="/batch-templates/stop"]`) {
			t.Fatalf("batch page: %d", p.status)
		}
		resp, err := op.hc.Get(f.srv.URL + "/batch-templates/enroll")
		if err != nil {
			t.Fatal(err)
		}
		tpl, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if _, err := batch.Parse(tpl, "enroll", shebao.Online, testToday); err == nil || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
			t.Fatalf("template: %s, parse %v", resp.Header.Get("Content-Type"), err)
		}

		bad := op.uploadBatch("enroll", []byte("not a workbook"))
		if bad.status != http.StatusUnprocessableEntity || !strings.Contains(bad.text("#file-error"), ".xlsx") {
			t.Fatalf("renamed file: %d %q", bad.status, bad.text("#file-error"))
		}

		file := batchWorkbook(t,
			[]any{f.person["new"].IDNumber, "张伟", "新参保", "8000"},
			[]any{f.person["none"].IDNumber, "李娜", "新参保", 8000},
			[]any{f.person["insured"].IDNumber, "刘洋", "新参保", 8000},
			[]any{f.person["new"].IDNumber[:17] + "0", "某人", "新参保", 8000})
		shown := op.uploadBatch("enroll", file)
		if !strings.HasPrefix(shown.url.Path, "/batches/") || !shown.has("#dry-run-note") {
			t.Fatalf("upload: at %s (%d) %q", shown.url, shown.status, shown.text("#file-error, #form-error"))
		}
		if n := shown.doc.Find("#batch-rows tbody tr.row-bad").Length(); n != 3 {
			t.Errorf("%d problem rows, want 3", n)
		}
		if !strings.Contains(shown.text("#rows-ok"), "1") || shown.text("#batch-cost") == "¥0.00" {
			t.Errorf("summary %q cost %q", shown.text("#batch-summary"), shown.text("#batch-cost"))
		}
		applied := op.post(shown.url.Path+"/apply", url.Values{})
		if applied.url.Path != shown.url.Path || applied.doc.Find("#batch").AttrOr("data-status", "") != "applied" {
			t.Fatalf("apply: %s %q", applied.url, applied.text("#batch-status"))
		}
		if applied.has("#batch-apply") {
			t.Error("an applied batch still offers to apply")
		}
		again := op.post(shown.url.Path+"/apply", url.Values{"csrf": {op.csrf}})
		if !strings.Contains(again.text("#rows-applied"), "1") {
			t.Errorf("second apply: %q", again.text("#batch-summary"))
		}
		resp, err = op.hc.Get(f.srv.URL + shown.url.Path + "/workbook.xlsx")
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		wb, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := wb.GetRows("Sheet1")
		if len(rows) != 5 || rows[0][4] != "处理状态" || rows[1][4] != "已办理" || rows[2][4] != "不予办理" || rows[4][4] != "格式错误" {
			t.Fatalf("annotated workbook: %q", rows)
		}

		other := f.browser()
		other.login("hr_b")
		if p := other.get(shown.url.Path); p.status != http.StatusNotFound {
			t.Errorf("another unit sees the batch: %d", p.status)
		}
	})
}

func TestBatchUploadTooLarge(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		op := f.browser()
		op.login("hr_a")
		op.get("/batches")
		big := bytes.Repeat([]byte("x"), 11<<20) // over the 10 MB limit and the body's margin
		p := op.uploadBatch("enroll", big)
		if p.status != http.StatusBadRequest || !strings.Contains(p.text("main"), "10 MB") {
			t.Fatalf("11 MB upload: %d %q", p.status, p.text("main"))
		}
	})
}

// TestBatchProgressPage checks the page of a batch being applied: it
// reloads itself and shows the progress; once the apply has stalled it
// stops reloading and offers to go on.
func TestBatchProgressPage(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		now := shebao.FixedDayClock{Day: testToday}.Now()
		b := shebao.Batch{UnitID: f.unitA.ID, Kind: shebao.BatchEnroll, FileName: "big.xlsx", Status: shebao.BatchApplying,
			Rows: 300, OK: 300, Done: 100, CreatedAt: now, UpdatedAt: now}
		rows := make([]shebao.BatchRow, 300)
		for i := range rows {
			rows[i] = shebao.BatchRow{Row: i + 2, Outcome: shebao.RowOK, Type: shebao.ItemEnroll}
		}
		file := batchWorkbook(t)
		err := f.db.InTx(ctx, func(tx shebao.Tx) error { return tx.InsertBatch(ctx, &b, file, rows) })
		if err != nil {
			t.Fatal(err)
		}
		op := f.browser()
		op.login("hr_a")
		path := "/batches/" + strconv.FormatInt(b.ID, 10)
		p := op.get(path)
		if refresh, _ := p.doc.Find(`meta[http-equiv="refresh"]`).Attr("content"); refresh != "2" || !strings.Contains(p.text("#batch-progress"), "100") {
			t.Fatalf("progress page: refresh %q, %q", refresh, p.text("#batch-progress"))
		}
		if p.has("#batch-apply") {
			t.Error("a running batch offers to apply")
		}
		b.UpdatedAt = now.Add(-time.Hour)
		err = f.db.InTx(ctx, func(tx shebao.Tx) error { return tx.SetBatchStatus(ctx, b, shebao.BatchApplying) })
		if err != nil {
			t.Fatal(err)
		}
		p = op.get(path)
		if p.has(`meta[http-equiv="refresh"]`) || !p.has("#batch-apply") {
			t.Fatalf("stalled batch: refresh %v, apply form %v", p.has(`meta[http-equiv="refresh"]`), p.has("#batch-apply"))
		}
	})
}

// TestBatchByClerk checks that a counter clerk uploads for the unit named
// by its credit code.
func TestBatchByClerk(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		clerk := f.browser()
		clerk.login("clerk")
		clerk.get("/batches")
		file := batchWorkbook(t, []any{f.person["b_new"].IDNumber, "陈静", "新参保", "7000"})
		if p := clerk.uploadBatch("enroll", file); p.status != http.StatusUnprocessableEntity || p.text("#credit_code-error") == "" {
			t.Fatalf("no credit code: %d %q", p.status, p.text("#credit_code-error"))
		}
		p := clerk.uploadBatch("enroll", file, "credit_code", f.unitB.CreditCode)
		if !strings.HasPrefix(p.url.Path, "/batches/") || !strings.Contains(p.text("#rows-ok"), "1") {
			t.Fatalf("clerk upload: at %s %q %q", p.url, p.text("#batch-summary"), p.text("#form-error, #file-error"))
		}
		applied := clerk.post(p.url.Path+"/apply", url.Values{})
		if applied.doc.Find("#batch").AttrOr("data-status", "") != "applied" {
			t.Fatalf("clerk apply: %q", applied.text("#batch-status"))
		}
	})
}

// TestBatchDeclarePages checks the base declaration kind of batch work:
// the template link, the kind chosen from the declaration page's link, the
// dry run and the apply, and the declaration form's double submission.
func TestBatchDeclarePages(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		op := f.browser()
		op.login("hr_a")
		p := op.get("/batches?kind=declare")
		if !p.has(`a[href="/batch-templates/declare"]`) || p.doc.Find(`#kind option[selected]`).AttrOr("value", "") != "declare" {
			t.Fatalf("batch page: declare template link %v, kind %q", p.has(`a[href="/batch-templates/declare"]`),
				p.doc.Find(`#kind option[selected]`).AttrOr("value", ""))
		}
		resp, err := op.hc.Get(f.srv.URL + "/batch-templates/declare")
		if err != nil {
			t.Fatal(err)
		}
		tpl, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if _, err := batch.Parse(tpl, shebao.BatchDeclare, shebao.Online, testToday); shebao.AsError(err).Reason != batch.ReasonNoRows {
			t.Fatalf("declare template: %v", err)
		}

		x := excelize.NewFile()
		_ = x.SetSheetRow("Sheet1", "A1", &[]any{"身份证号码", "姓名", "上年度月平均工资(元)"})
		_ = x.SetSheetRow("Sheet1", "A2", &[]any{f.person["insured"].IDNumber, "刘洋", "12000"})
		_ = x.SetSheetRow("Sheet1", "A3", &[]any{f.person["new"].IDNumber, "张伟", "9000"})
		buf, _ := x.WriteToBuffer()
		shown := op.uploadBatch("declare", buf.Bytes())
		if !strings.HasPrefix(shown.url.Path, "/batches/") || !shown.has("#dry-run-note") {
			t.Fatalf("upload: at %s (%d) %q", shown.url, shown.status, shown.text("#file-error, #form-error"))
		}
		if n := shown.doc.Find("#batch-rows tbody tr.row-bad").Length(); n != 1 || !strings.Contains(shown.text("#rows-ok"), "1") {
			t.Errorf("dry run: %d problem rows, %q", n, shown.text("#batch-summary"))
		}
		if f.declareItems(t) != 0 {
			t.Fatal("the dry run declared")
		}
		// Every row is listed, the good one with its base and clamp; the
		// filter lists the problems only; the download has the failed row only.
		good := shown.doc.Find(`#batch-rows tr[data-row="2"]`)
		if good.Length() != 1 || !strings.Contains(good.Text(), "¥12,000.00") || good.Find("td[data-clamp]").Length() != 1 {
			t.Errorf("the good row: %q", good.Text())
		}
		problems := op.get(shown.url.Path + "?show=problems")
		if n := problems.doc.Find("#batch-rows tbody tr").Length(); n != 1 || !problems.has(`tr[data-row="3"].row-bad`) {
			t.Errorf("problems only: %d rows", n)
		}
		resp, err = op.hc.Get(f.srv.URL + shown.url.Path + "/failed.xlsx")
		if err != nil {
			t.Fatal(err)
		}
		failed, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		again, err := batch.Parse(failed, shebao.BatchDeclare, shebao.Online, testToday)
		if err != nil || len(again.Rows) != 1 || again.Rows[0].IDNumber != f.person["new"].IDNumber {
			t.Errorf("failed rows: %v %+v", err, again.Rows)
		}
		applied := op.post(shown.url.Path+"/apply", url.Values{})
		if applied.doc.Find("#batch").AttrOr("data-status", "") != "applied" || !strings.Contains(applied.text("#rows-applied"), "1") {
			t.Fatalf("apply: %q", applied.text("#batch-summary"))
		}
		op.post(shown.url.Path+"/apply", url.Values{})
		if n := f.declareItems(t); n != 1 {
			t.Fatalf("%d declare items after two applies, want 1", n)
		}

		// The declaration form links to the batch and declares once when
		// sent twice.
		form := op.get("/declaration")
		key := form.doc.Find(`input[name="client_key"]`).AttrOr("value", "")
		if key == "" || !form.has(`a[href="/batches?kind=declare"]`) {
			t.Fatalf("declaration form: key %q, batch link %v", key, form.has(`a[href="/batches?kind=declare"]`))
		}
		values := url.Values{"id_number": {f.person["insured"].IDNumber}, "wage": {"13000"}, "client_key": {key}, "action": {"submit"}}
		op.post("/declaration", values)
		op.get("/declaration")
		if again := op.post("/declaration", values); again.status != http.StatusOK {
			t.Fatalf("second post: %d", again.status)
		}
		if n := f.declareItems(t); n != 2 {
			t.Fatalf("%d declare items, want 2: the form declared twice", n)
		}
	})
}

// declareItems counts unit A's declare items.
func (f *fixture) declareItems(t *testing.T) int {
	t.Helper()
	var n int
	err := f.db.View(t.Context(), func(tx shebao.Tx) error {
		var err error
		_, n, err = tx.Items(t.Context(), shebao.ItemFilter{UnitID: f.unitA.ID, Type: shebao.ItemDeclare, Limit: 1})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestDeclarationTemplateBothUploads checks that the base declaration has
// one template: GET /declaration/template.xlsx is the declare batch
// template (named data sheet, instructions sheet), and the workbook filled
// in from it is taken both by the declare batch's dry run and by the
// declaration upload.
func TestDeclarationTemplateBothUploads(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		op := f.browser()
		op.login("hr_a")
		download := func(path string) []byte {
			t.Helper()
			resp, err := op.hc.Get(f.srv.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			data, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
				t.Fatalf("%s: %d %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			return data
		}
		shape := func(data []byte) (sheets []string, header []string) {
			t.Helper()
			x, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			sheets = x.GetSheetList()
			rows, err := x.GetRows(sheets[0])
			if err != nil || len(rows) == 0 {
				t.Fatalf("template rows: %v %v", rows, err)
			}
			return sheets, rows[0]
		}
		tpl := download("/declaration/template.xlsx")
		sheets, header := shape(tpl)
		batchSheets, batchHeader := shape(download("/batch-templates/declare"))
		if !slices.Equal(sheets, batchSheets) || !slices.Equal(header, batchHeader) {
			t.Fatalf("declaration template %v %v, batch declare template %v %v", sheets, header, batchSheets, batchHeader)
		}
		if !slices.Equal(sheets, []string{"基数申报", "填写说明"}) || !slices.Equal(header, batch.Headers(shebao.BatchDeclare)) {
			t.Fatalf("declaration template: sheets %v, header %v", sheets, header)
		}

		// Fill in the downloaded template as a user would: one good row, one
		// row for a person not insured here.
		x, err := excelize.OpenReader(bytes.NewReader(tpl))
		if err != nil {
			t.Fatal(err)
		}
		_ = x.SetSheetRow(sheets[0], "A2", &[]any{f.person["insured"].IDNumber, "刘洋", "12000"})
		_ = x.SetSheetRow(sheets[0], "A3", &[]any{f.person["new"].IDNumber, "张伟", "9000"})
		buf, err := x.WriteToBuffer()
		x.Close()
		if err != nil {
			t.Fatal(err)
		}
		filled := buf.Bytes()

		shown := op.uploadBatch("declare", filled)
		if !strings.HasPrefix(shown.url.Path, "/batches/") || !shown.has("#dry-run-note") {
			t.Fatalf("batch upload: at %s (%d) %q", shown.url, shown.status, shown.text("#file-error, #form-error"))
		}
		if n := shown.doc.Find("#batch-rows tbody tr.row-bad").Length(); n != 1 || !strings.Contains(shown.text("#rows-ok"), "1") {
			t.Errorf("batch dry run: %d problem rows, %q", n, shown.text("#batch-summary"))
		}
		if n := f.declareItems(t); n != 0 {
			t.Fatalf("%d declare items after the dry run, want 0", n)
		}

		op.get("/declaration")
		p := op.upload("/declaration/upload", "file", filled)
		if p.status != http.StatusOK || p.doc.Find("#decl-lines tbody tr").Length() != 1 || p.doc.Find("#decl-errors li").Length() != 1 {
			t.Errorf("declaration upload: %d, %d lines, %d errors %q", p.status, p.doc.Find("#decl-lines tbody tr").Length(),
				p.doc.Find("#decl-errors li").Length(), p.text("#decl-errors, #form-error"))
		}
		if n := f.declareItems(t); n != 1 {
			t.Errorf("%d declare items after the declaration upload, want 1", n)
		}
	})
}
