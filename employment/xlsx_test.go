package employment_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"shebao/employment"
)

// TestReadXLSXDateCells reads a sheet as Excel users make it: real date
// cells (stored as serial numbers with a date format), columns in another
// order, a blank row, and a header cell with spaces.
func TestReadXLSXDateCells(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sh := f.GetSheetName(0)
	rows := [][]any{
		{"姓名", " 备案编号 ", "身份证号码", "统一社会信用代码", "备案日期", "用工开始日期"},
		{"张三", "X-1", idNumber(1), creditCode(t, 1), time.Date(2026, 6, 2, 0, 0, 0, 0, time.UTC), time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)},
		{},
		{"李四", "X-2", idNumber(2), creditCode(t, 1), "2026-06-03", "2026/6/3"},
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	recs, err := employment.ReadXLSX(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Row != 2 || recs[1].Row != 4 || recs[0].SourceID != "X-1" {
		t.Fatalf("records = %+v", recs)
	}
	e, rej := employment.ParseRegistrationRow(recs[0], "online", 20260708)
	if rej != nil || e.Start != 20260601 || e.RegisteredOn != 20260602 || e.Name != "张三" {
		t.Errorf("date cells: %+v %+v (raw %+v)", e, rej, recs[0])
	}
	e, rej = employment.ParseRegistrationRow(recs[1], "online", 20260708)
	if rej != nil || e.Start != 20260603 {
		t.Errorf("text dates: %+v %+v", e, rej)
	}
}

// TestReadCSVGB18030 reads a CSV file as Excel saves it on Chinese Windows.
func TestReadCSVGB18030(t *testing.T) {
	var utf bytes.Buffer
	if err := employment.WriteCSV(&utf, []employment.Record{{SourceID: "G-1", IDNumber: idNumber(1), Name: "张三",
		CreditCode: creditCode(t, 1), Start: "2026-06-01", RegisteredOn: "2026-06-02"}}); err != nil {
		t.Fatal(err)
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(utf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	recs, err := employment.ReadCSV(bytes.NewReader(gb))
	if err != nil || len(recs) != 1 || recs[0].Name != "张三" {
		t.Fatalf("records = %+v, %v", recs, err)
	}
}
