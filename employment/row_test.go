package employment_test

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"shebao"
	"shebao/employment"
)

func TestParseDate(t *testing.T) {
	cases := map[string]shebao.Date{
		"2026-07-01": 20260701, "2026-7-1": 20260701, "20260701": 20260701, "2026/7/1": 20260701,
		"2026.07.01": 20260701, "2026年7月1日": 20260701, " 2026-07-01 ": 20260701,
		"46204": 20260701, "46204.75": 20260701, // spreadsheet serial numbers
		"2026-02-29": 0, "2026-13-01": 0, "60": 0, "July 1": 0, "": 0, "2026-07-01x": 0,
	}
	for in, want := range cases {
		got, ok := employment.ParseDate(in)
		if got != want || ok != (want != 0) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
}

// FuzzParseRegistrationRow feeds arbitrary cells to the row parser: it
// never panics, and what it accepts is a well-formed registration.
func FuzzParseRegistrationRow(f *testing.F) {
	id := idNumber(1)
	code := "91110105MA00000152" // any: invalid ones must be rejected cleanly
	f.Add("JY-1", id, "张三", code, "2026-06-01", "2026-06-02", "")
	f.Add("JY-1", id, "张三", code, "46204", "46205.5", "2026年7月1日")
	f.Add(" ", "11010519900101123x", "\x00", "9111", "2026-02-30", "99999", "1")
	f.Add("\ufeffJY", "110105900101123", "名字", "91350100M000100Y43", "20260101", "2026/1/2", "2025-12-31")
	f.Fuzz(func(t *testing.T, sourceID, idNum, name, credit, start, registered, end string) {
		rec := employment.Record{Row: 2, SourceID: sourceID, IDNumber: idNum, Name: name, CreditCode: credit,
			Start: start, RegisteredOn: registered, End: end}
		today := shebao.NewDate(2026, 7, 8)
		e, rej := employment.ParseRegistrationRow(rec, shebao.Online, today)
		if rej != nil {
			if rej.Row != 2 || rej.Reason == "" || rej.Field == "" {
				t.Fatalf("reject without row, field or reason: %+v", rej)
			}
			return
		}
		switch {
		case e.SourceID == "" || !utf8.ValidString(e.SourceID) || utf8.RuneCountInString(e.SourceID) > 64:
			t.Fatalf("accepted source id %q", e.SourceID)
		case len(e.ID.Number) != 18 || e.ID.Birth > today:
			t.Fatalf("accepted ID number %+v", e.ID)
		case len(e.CreditCode) != 18:
			t.Fatalf("accepted credit code %q", e.CreditCode)
		case !e.Start.Valid() || !e.RegisteredOn.Valid() || e.RegisteredOn > today:
			t.Fatalf("accepted dates %v %v", e.Start, e.RegisteredOn)
		case !e.End.IsZero() && (!e.End.Valid() || e.End < e.Start):
			t.Fatalf("accepted end %v after start %v", e.End, e.Start)
		}
		// The same row written to a CSV file reads back to the same entry.
		var b bytes.Buffer
		if err := employment.WriteCSV(&b, []employment.Record{rec}); err != nil {
			t.Fatal(err)
		}
		recs, err := employment.ReadCSV(&b)
		if err != nil {
			return // a cell that is all spaces or newlines may blank the row
		}
		e2, rej2 := employment.ParseRegistrationRow(recs[0], shebao.Online, today)
		if rej2 != nil || e2.SourceID != e.SourceID || e2.ID != e.ID || e2.Start != e.Start || e2.End != e.End {
			t.Fatalf("CSV round trip: %+v %+v, want %+v", e2, rej2, e)
		}
	})
}

// FuzzReadCSV reads arbitrary bytes as an import file: it never panics,
// and every record it returns has a row number past the header.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("备案编号,身份证号码,姓名,统一社会信用代码,用工开始日期,备案日期,用工终止日期\nA,1,张三,9,2026-01-01,2026-01-01,\n"))
	f.Add([]byte("\ufeffsource_id,id_number,name,credit_code,start,registered_on\n\"a\"\"b\",x,y,z,1,2\n\n"))
	f.Add([]byte("\xb1\xb8\xb0\xb8\xb1\xe0\xba\xc5,x\n")) // GB18030
	f.Fuzz(func(t *testing.T, b []byte) {
		recs, err := employment.ReadCSV(bytes.NewReader(b))
		if err != nil {
			if shebao.ErrorCode(err) != shebao.EINVALID {
				t.Fatalf("error %v is not EINVALID", err)
			}
			return
		}
		for _, r := range recs {
			if r.Row < 2 {
				t.Fatalf("record row %d", r.Row)
			}
			employment.ParseRegistrationRow(r, shebao.Online, 20260708)
		}
	})
}
