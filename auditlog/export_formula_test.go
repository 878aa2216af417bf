package auditlog_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/auditlog"
	"shebao/counter"
	"shebao/demo/demotest"
	"shebao/handling"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestExportNeutralisesFormulas: a unit named like a formula is exported as
// text in the CSV and the workbook, never as a formula.
func TestExportNeutralisesFormulas(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, ad, g := setup(t, db)
		ctx := context.Background()
		const evil = `=HYPERLINK("http://evil.example","click")`
		err := db.InTx(ctx, func(tx shebao.Tx) error {
			u, err := tx.UnitByCreditCode(ctx, g.UnitACode)
			if err != nil {
				return err
			}
			u.Name = evil
			return tx.UpdateUnit(ctx, u)
		})
		if err != nil {
			t.Fatal(err)
		}
		clock := demotest.NewClock(day)
		clerk, op := demotest.Actor(t, db, "clerk"), demotest.Actor(t, db, g.OperatorA)
		c := &counter.Service{Store: db, Clock: clock, Handling: &handling.Service{Store: db, Clock: clock}}
		if _, err := c.Record(ctx, clerk, counter.Request{Type: shebao.ItemCard, UnitID: op.UnitID, IDNumber: g.Stop[1],
			Documents: []string{"id_original", "id_copy", "photo", "card_form"}}); err != nil {
			t.Fatal(err)
		}
		q := auditlog.Query{CreditCode: g.UnitACode}

		var cb bytes.Buffer
		if err := s.Export(ctx, ad, q, auditlog.CSV, testLabels{}, &cb); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(cb.String(), "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var xb bytes.Buffer
		if err := s.Export(ctx, ad, q, auditlog.XLSX, testLabels{}, &xb); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&xb)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows(f.GetSheetName(0))
		if err != nil {
			t.Fatal(err)
		}
		for format, cells := range map[string][][]string{"csv": recs, "xlsx": rows} {
			found := false
			for _, row := range cells {
				for _, cell := range row {
					found = found || cell == "'"+evil
					if c := strings.TrimLeft(cell, " \t\r\n"); c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
						t.Errorf("%s cell %q starts a formula", format, cell)
					}
				}
			}
			if !found {
				t.Errorf("%s: the unit's name is not there as text", format)
			}
		}
	})
}
