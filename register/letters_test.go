package register_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/admin"
	"shebao/auth"
	"shebao/i18n"
	"shebao/register"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// The imported units' operators get one letter per unit with a one-time
// password that logs in and must be changed; the password is never shown
// again, and the office's workbook holds none.
func TestOperatorLetters(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, dir := setup(t, db, 3, 3)
		if rep := importDir(t, s, dir, true); !rep.Applied {
			t.Fatalf("import: %+v", rep.Problems)
		}
		letters, err := s.IssueLetters(t.Context(), admin.CommandLine, 0, 4)
		if err != nil || len(letters) != 3 || len(letters[0].Operators) != 1 {
			t.Fatalf("letters: %+v, %v", letters, err)
		}
		op := letters[0].Operators[0]
		au := &auth.Service{Store: db, Clock: shebao.FixedDayClock{Day: day}, Cost: 4}
		acc, err := au.Login(t.Context(), op.Username, op.Password, shebao.Online, "")
		if err != nil || !acc.MustChange || acc.UnitID != letters[0].Unit.ID {
			t.Fatalf("login with the letter's password: %+v, %v", acc, err)
		}
		var page bytes.Buffer
		if err := register.WriteLetters(&page, i18n.ZH, "https://shebao.example.gov.cn", letters); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{letters[0].Unit.Name, op.Username, op.Password, "https://shebao.example.gov.cn"} {
			if !strings.Contains(page.String(), want) {
				t.Errorf("the letters page lacks %q", want)
			}
		}
		if again, err := s.IssueLetters(t.Context(), admin.CommandLine, 0, 4); err != nil || len(again) != 0 {
			t.Fatalf("letters again: %+v, %v", again, err)
		}
		var book bytes.Buffer
		if err := s.WriteWorkbook(t.Context(), admin.CommandLine, i18n.ZH, &book); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&book)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows("Sheet1")
		if err != nil || len(rows) != 4 {
			t.Fatalf("workbook rows: %d, %v", len(rows), err)
		}
		for _, r := range rows {
			for _, l := range letters {
				if strings.Contains(strings.Join(r, " "), l.Operators[0].Password) {
					t.Fatalf("the workbook shows a password: %v", r)
				}
			}
		}
	})
}
