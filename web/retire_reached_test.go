package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"shebao"
)

// TestRetirementPastStatutoryAge pre-reviews a man born 1957-09 (statutory
// month 2017-09) with six months contributed: on 2026-07-08 the page says
// the age was reached and what applies now, extended contribution for the
// 174 missing months or a one-off payment, never a future "at the
// statutory month you will be short", and no elastic window that ended in
// 2020.
func TestRetirementPastStatutoryAge(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		old := shebao.Person{IDNumber: idNumber("110108", "19570910", "313"), Name: "李强", Sex: shebao.Male,
			BirthDate: 19570910}
		err := f.db.InTx(t.Context(), func(tx shebao.Tx) error {
			if err := tx.CreatePerson(t.Context(), &old); err != nil {
				return err
			}
			c := shebao.Coverage{PersonID: old.ID, UnitID: f.unitA.ID, Insurance: shebao.Pension,
				Status: shebao.CoverageActive, FirstPeriod: 202601, Base: 800000}
			return tx.InsertCoverage(t.Context(), &c)
		})
		if err != nil {
			t.Fatal(err)
		}
		b := f.browser()
		b.login("hr_a")
		b.get("/retirement")
		p := b.post("/retirement", url.Values{"id_number": {old.IDNumber}})
		answer, options, elastic := p.text("#retire-answer"), p.text("#retire-options"), p.text("#elastic")
		if p.status != http.StatusOK || !strings.Contains(answer, "已于 2017-09 达到法定退休年龄") ||
			!strings.Contains(answer, "174") || strings.Contains(answer, "达到法定退休年龄时") {
			t.Errorf("answer (%d): %q", p.status, answer)
		}
		if !strings.Contains(options, "延长缴费") || !strings.Contains(options, "174") || !strings.Contains(options, "一次性") {
			t.Errorf("options: %q", options)
		}
		if strings.Contains(elastic, "最晚可延迟至 2020-09") || strings.Contains(elastic, "可于") {
			t.Errorf("elastic: %q", elastic)
		}
		noKeys(t, p)
	})
}
