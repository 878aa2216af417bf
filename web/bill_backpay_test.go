package web

import (
	"encoding/csv"
	"strings"
	"testing"

	"shebao"
)

// TestBillAndExportAgreeOnBackpay approves a back-pay of 2026-06
// (¥1,581.89 + late fee ¥6.33 = ¥1,588.22) and checks that the bill of
// 2026-06 and its export show the same figures: the monthly assessment and
// the back-pay each as their own labelled section, every cell filled, each
// section's totals adding up, and one total of what the period charges. The
// export's column headers are in the reader's language.
func TestBillAndExportAgreeOnBackpay(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b, _, _ := approvedBackpay(t, f)
		bill := b.get("/bill?period=2026-06")
		monthly, backpay, charged := bill.text("#total"), bill.text("#backpay-total"), bill.text("#period-total")
		if !strings.Contains(bill.text("#backpay-section"), "¥6.33") || backpay != "¥1,588.22" {
			t.Errorf("bill: back-pay section %q, total %q", bill.text("#backpay-section"), backpay)
		}
		if yuanOf(t, charged) != yuanOf(t, monthly)+yuanOf(t, backpay) {
			t.Errorf("bill: %s charged = %s monthly + %s back-pay?", charged, monthly, backpay)
		}
		noKeys(t, bill)

		body, _ := download(t, b, "/bill/export?from=2026-06&to=2026-06&format=csv")
		secs := csvSections(t, body)
		if len(secs) != 3 {
			t.Fatalf("export: %d sections, want monthly, back-pay, totals: %q", len(secs), secs)
		}
		for i, sec := range secs {
			rows := sec[2 : len(sec)-1] // the persons' rows (a subtotal leaves the name and ID number empty)
			if i == 2 {
				rows = sec[1:]
			}
			for _, row := range rows {
				for i, cell := range row {
					if cell == "" {
						t.Errorf("export section %q: blank cell %d in %q", sec[0][0], i, row)
					}
				}
			}
		}
		mon, bp, sum := secs[0], secs[1], secs[2]
		for _, row := range mon[2 : len(mon)-1] { // the persons: the insurance columns add up to 单位缴费合计
			er := fenOf(t, row[4]) + fenOf(t, row[6]) + fenOf(t, row[8]) + fenOf(t, row[10])
			if er != fenOf(t, row[11]) {
				t.Errorf("export row %q: employer columns sum to %v", row, er)
			}
		}
		if got := last(mon)[13]; fenOf(t, got) != yuanOf(t, monthly) {
			t.Errorf("export monthly subtotal %s, page %s", got, monthly)
		}
		if got := last(bp)[8]; fenOf(t, got) != yuanOf(t, backpay) {
			t.Errorf("export back-pay subtotal %s, page %s", got, backpay)
		}
		if got := last(sum)[5]; fenOf(t, got) != yuanOf(t, charged) {
			t.Errorf("export total %s, page %s", got, charged)
		}
		if mon[1][0] != "所属期" {
			t.Errorf("zh header %q", mon[1])
		}

		b.get("/lang?to=en&next=/bill")
		body, _ = download(t, b, "/bill/export?from=2026-06&to=2026-06&format=csv")
		en := csvSections(t, body)
		if h := strings.Join(en[0][1], ","); strings.ContainsAny(h, "期姓名合计") || !strings.Contains(h, "Period") {
			t.Errorf("en header %q", h)
		}
	})
}

// csvSections splits an export CSV at its section titles (rows of one cell).
func csvSections(t *testing.T, body []byte) [][][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(body), "\xEF\xBB\xBF")))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out [][][]string
	for _, rec := range recs {
		if len(rec) == 1 || len(out) == 0 {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], rec)
	}
	return out
}

func last(rows [][]string) []string { return rows[len(rows)-1] }

// fenOf reads an export amount ("1588.22").
func fenOf(t *testing.T, s string) shebao.Fen {
	t.Helper()
	v, err := shebao.ParseYuan(s)
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	return v
}

// yuanOf reads a page amount ("¥1,588.22").
func yuanOf(t *testing.T, s string) shebao.Fen { return fenOf(t, strings.TrimPrefix(s, "¥")) }
