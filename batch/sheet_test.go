package batch_test

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/batch"
)

func TestBadFiles(t *testing.T) {
	id := idNumber(1)
	okRow := [][]any{{id, "张三", "新参保", 8000}}
	var docx bytes.Buffer
	zw := zip.NewWriter(&docx)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte("<w:document/>"))
	zw.Close()
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...)
	tooMany := make([][]any, batch.MaxRows+1)
	for i := range tooMany {
		tooMany[i] = okRow[0]
	}
	cases := []struct {
		name   string
		kind   shebao.BatchKind
		file   []byte
		reason string
		args   []string
	}{
		{"text renamed .xlsx", shebao.BatchEnroll, []byte("身份证号码,姓名\n"), batch.ReasonNotXLSX, nil},
		{"docx renamed .xlsx", shebao.BatchEnroll, docx.Bytes(), batch.ReasonNotXLSX, nil},
		{"old xls", shebao.BatchEnroll, ole, batch.ReasonOldXLS, nil},
		{"password", shebao.BatchEnroll, encrypted(t, okRow), batch.ReasonEncrypted, nil},
		{"too large", shebao.BatchEnroll, make([]byte, batch.MaxUploadBytes+1), batch.ReasonFileTooLarge, []string{"10"}},
		{"wage column missing", shebao.BatchEnroll, workbook(t, []string{"身份证号码", "姓名", "业务类型"}, okRow),
			batch.ReasonColumnsMissing, []string{"月工资(元)", "身份证号码、姓名、业务类型、月工资(元)"}},
		{"unexpected column", shebao.BatchEnroll, workbook(t, []string{"身份证号码", "姓名", "业务类型", "月工资（元）", "部门"}, okRow),
			batch.ReasonColumnUnknown, []string{"部门", "身份证号码、姓名、业务类型、月工资(元)"}},
		{"column twice", shebao.BatchEnroll, workbook(t, []string{"身份证号码", "姓名", "姓名", "业务类型", "月工资(元)"}, okRow),
			batch.ReasonColumnTwice, []string{"姓名"}},
		{"stop template as enrollment", shebao.BatchEnroll, workbook(t, batch.Headers(shebao.BatchStop), nil),
			batch.ReasonOtherTemplate, []string{"stop"}},
		{"header only", shebao.BatchEnroll, workbook(t, enrollHeader, nil), batch.ReasonNoRows, nil},
		{"empty sheet", shebao.BatchEnroll, workbook(t, nil, nil), batch.ReasonNoHeader, nil},
		{"too many rows", shebao.BatchEnroll, workbook(t, enrollHeader, tooMany), batch.ReasonTooManyRows, []string{"10000"}},
		{"unknown kind", "transfer", workbook(t, enrollHeader, okRow), batch.ReasonUnknownKind, nil},
		{"declaration template as stop", shebao.BatchStop, workbook(t, batch.Headers(shebao.BatchDeclare), nil),
			batch.ReasonOtherTemplate, []string{"declare"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := batch.Parse(c.file, c.kind, shebao.Online, day)
			if len(c.file) > batch.MaxUploadBytes {
				_, err = batch.ReadUpload(bytes.NewReader(c.file))
			}
			e := shebao.AsError(err)
			if e.Code != shebao.EINVALID || e.Reason != c.reason || strings.Join(e.Args, "|") != strings.Join(c.args, "|") {
				t.Fatalf("got %v, want %s %q", err, c.reason, c.args)
			}
		})
	}
}

// encrypted writes rows in a workbook protected by a password.
func encrypted(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(workbook(t, enrollHeader, rows)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf, excelize.Options{Password: "secret"}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestTemplates(t *testing.T) {
	dropDowns := map[shebao.BatchKind]int{shebao.BatchEnroll: 1, shebao.BatchStop: 1, shebao.BatchDeclare: 0}
	for _, k := range batch.Kinds {
		data, err := batch.Template(k)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		sheets := f.GetSheetList()
		if len(sheets) != 2 || sheets[1] != "填写说明" {
			t.Errorf("%s: sheets %q", k, sheets)
		}
		rows, _ := f.GetRows(sheets[0])
		if strings.Join(rows[0], ",") != strings.Join(batch.Headers(k), ",") {
			t.Errorf("%s: header %q", k, rows[0])
		}
		dvs, _ := f.GetDataValidations(sheets[0])
		if len(dvs) != dropDowns[k] {
			t.Errorf("%s: %d drop-downs, want %d", k, len(dvs), dropDowns[k])
		}
		f.Close()
		// The empty template reads as a file without rows, not as a bad file.
		if _, err := batch.Parse(data, k, shebao.Online, day); shebao.AsError(err).Reason != batch.ReasonNoRows {
			t.Errorf("%s: empty template: %v", k, err)
		}
	}
}

// TestAnnotatedWorkbookUploadsAgain checks that a workbook that came back
// annotated can be corrected and uploaded again: its status and result
// columns are not unexpected columns, and annotating it again rewrites them.
func TestAnnotatedWorkbookUploadsAgain(t *testing.T) {
	id := idNumber(3)
	file := workbook(t, enrollHeader, [][]any{{id, "张三", "新参保", 8000}, {id, "张三", "新参保", "x"}})
	sheet, err := batch.Parse(file, shebao.BatchEnroll, shebao.Online, day)
	if err != nil {
		t.Fatal(err)
	}
	annotated, err := batch.Annotate(file, sheet.Rows, "en")
	if err != nil {
		t.Fatal(err)
	}
	again, err := batch.Parse(annotated, shebao.BatchEnroll, shebao.Online, day)
	if err != nil || len(again.Rows) != 2 {
		t.Fatalf("annotated workbook uploaded again: %v %+v", err, again)
	}
	twice, err := batch.Annotate(annotated, again.Rows, "zh")
	if err != nil {
		t.Fatal(err)
	}
	f, _ := excelize.OpenReader(bytes.NewReader(twice))
	rows, _ := f.GetRows("Sheet1")
	if len(rows[0]) != 6 || rows[0][4] != "处理状态" || rows[2][4] != "格式错误" {
		t.Fatalf("annotated twice: %q", rows)
	}
}

// TestFailedRowsUploadAgain: the workbook of failed rows holds the header
// and only the failed rows, and parses again as an upload.
func TestFailedRowsUploadAgain(t *testing.T) {
	ok, bad := idNumber(3), idNumber(4)
	file := workbook(t, enrollHeader, [][]any{{ok, "张三", "新参保", 8000}, {bad, "=李四", "新参保", "x"}})
	sheet, err := batch.Parse(file, shebao.BatchEnroll, shebao.Online, day)
	if err != nil {
		t.Fatal(err)
	}
	annotated, err := batch.Annotate(file, sheet.Rows, "zh")
	if err != nil {
		t.Fatal(err)
	}
	failed, err := batch.FailedRows(annotated, sheet.Rows)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := excelize.OpenReader(bytes.NewReader(failed))
	rows, _ := f.GetRows("Sheet1")
	if len(rows) != 2 || rows[1][0] != bad || rows[1][1] != "'=李四" || rows[1][4] != "格式错误" {
		t.Fatalf("failed rows: %q", rows)
	}
	again, err := batch.Parse(failed, shebao.BatchEnroll, shebao.Online, day)
	if err != nil || len(again.Rows) != 1 || again.Rows[0].IDNumber != bad {
		t.Fatalf("failed rows uploaded again: %v %+v", err, again)
	}
}
