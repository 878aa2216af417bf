package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"shebao"
	"shebao/admin"
	"shebao/demo/demotest"
	"shebao/register/registertest"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// Going live in Chromium, from an empty database to an operator's first
// enrollment (docs/OPERATIONS.md, "Going live"; issue 13).

// policyYearsJSON is a file of two policy years, 2025 and 2026, in the
// format of docs/policy-2027.example.json.
func policyYearsJSON() string {
	var years []string
	for _, y := range []int{2025, 2026} {
		years = append(years, fmt.Sprintf(`{"year": %d, "avg_monthly_wage": "11000.00", "base_floor": "6600", "base_ceiling": "33000",
  "rates": {"pension": {"employer": "16", "employee": "8", "rounding": "fen"},
    "medical": {"employer": "8", "employee": "2", "rounding": "jiao_up"},
    "unemployment": {"employer": "0.5", "employee": "0.5", "rounding": "fen"},
    "injury": {"rounding": "fen"}},
  "injury_class_rates": ["0.2", "0.4", "0.7", "0.9", "1.1", "1.3", "1.6", "1.9"],
  "late_fee_per_day": "0.05", "cutoff_day": 15, "counter_last_day": 15, "backpay_months": 36,
  "declare_from": "%d-07-01", "declare_to": "%d-07-31", "base_from_month": 7}`, y, y, y))
	}
	return "[" + strings.Join(years, ",\n") + "]\n"
}

// goliveRegister is a small register: one unit with its operator, a
// person insured there for five years and a new hire registered ten days
// before testToday and not insured yet. persons.csv row 3 (the new hire)
// is bad when badID: its ID number's check character is wrong.
type goliveRegister struct {
	dir            string
	insured, hired string // ID numbers
}

func newGoliveRegister(t *testing.T) *goliveRegister {
	g := &goliveRegister{dir: t.TempDir(), insured: registertest.IDNumber(0), hired: registertest.IDNumber(1)}
	unit := registertest.CreditCode(0)
	files := map[string]string{
		"units.csv": "credit_code,name,risk_class,injury_float,bank_account,contact,phone,address,legal_rep,status\n" +
			unit + ",朝阳样板有限公司,2,,6222000000000001,张联系,010-88880001,北京市朝阳区,李法人,active\n",
		"coverages.csv": "id_number,credit_code,insurance,from,to,base\n" +
			g.insured + "," + unit + ",pension,2021-07,,8000.00\n",
		"registrations.csv": "source_id,id_number,name,credit_code,start,registered_on,end\n" +
			"R0000001," + g.insured + ",王在保," + unit + ",2021-07-01,2021-06-20,\n" +
			"R0000002," + g.hired + ",赵新入," + unit + ",2026-07-01,2026-06-28,\n",
		"operators.csv": "credit_code,username,display_name\n" + unit + ",chaoyang_hr,孙经办\n",
	}
	for name, body := range files {
		g.write(t, name, body)
	}
	g.persons(t, true)
	return g
}

// persons writes persons.csv, with the new hire's ID number mistyped when bad.
func (g *goliveRegister) persons(t *testing.T, bad bool) {
	hired := g.hired
	if bad {
		wrong := byte('0')
		if hired[17] == '0' {
			wrong = '1'
		}
		hired = hired[:17] + string(wrong)
	}
	g.write(t, "persons.csv", "id_number,name,post_category,phone,address\n"+
		g.insured+",王在保,worker,,\n"+hired+",赵新入,worker,,\n")
}

func (g *goliveRegister) write(t *testing.T, name, body string) {
	if err := os.WriteFile(filepath.Join(g.dir, name), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
}

// files returns the paths of the register's files.
func (g *goliveRegister) files() []string {
	var ps []string
	for _, k := range []string{"units", "persons", "coverages", "registrations", "operators"} {
		ps = append(ps, filepath.Join(g.dir, k+".csv"))
	}
	return ps
}

// changePassword changes the one-time password on /password, where a first
// login lands, and fails the test unless the home page says it changed.
func (b *tab) changePassword(old, pw string) {
	b.t.Helper()
	b.do(fill("old_password", old), fill("new_password", pw), fill("confirm", pw))
	b.submit("password-submit")
	b.want("#changed-notice")
}

// TestBrowserGoLive starts from an empty migrated database: `shebao admin
// create`'s service makes the administrator, who changes the one-time
// password, imports the policy years and the register through the going-live
// page (a rejected row first, shown by file, row and column; then fixed and
// applied), and prints the operators' letters; the unit's operator logs in
// with the letter's password, changes it and enrolls the new hire.
func TestBrowserGoLive(t *testing.T) {
	t.Parallel()
	db := sqldbtest.Open(t, sqldb.SQLite)
	clock := shebao.FixedDayClock{Day: testToday}
	chief, err := (&admin.Service{Store: db, Clock: clock, Cost: 4}).CreateAdminFromCommandLine(t.Context(), "chief", "局长", false)
	if err != nil {
		t.Fatal(err)
	}
	h, err := New(Deps{Services: demotest.Services(t, db, clock)})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)

	adm := newTab(t, newBrowser(t), srv.URL)
	adm.login("chief", chief.Password, "/password")
	adm.changePassword(chief.Password, "Golive2026-x")
	adm.open("/admin/register")
	adm.want(`#readiness tr[data-check="admin"].ok`)

	years := filepath.Join(t.TempDir(), "years.json")
	if err := os.WriteFile(years, []byte(policyYearsJSON()), 0o600); err != nil {
		t.Fatal(err)
	}
	adm.do(chromedp.SetUploadFiles(chromedp.CSS(`#policies-form input[type=file]`), []string{years}))
	if st := adm.follow(`#policies-form button[type=submit]`); st != http.StatusOK || !strings.Contains(adm.text("#policy-years"), "2026") {
		t.Fatalf("policy years: %d %q", st, adm.text("#policy-years, #form-error"))
	}

	reg := newGoliveRegister(t)
	adm.do(chromedp.SetUploadFiles(chromedp.ID("register-files"), reg.files()))
	if st := adm.submit("dry-run"); st != http.StatusUnprocessableEntity {
		t.Fatalf("the check of a bad register: %d %q", st, adm.text("#register-outcome"))
	}
	bad := `#register-problems tr.error[data-row="3"]`
	adm.want(bad)
	if file, col := adm.text(bad+" td:nth-child(1)"), adm.text(bad+" td:nth-child(3)"); file != "persons.csv" || col != "id_number" {
		t.Errorf("the rejected row: file %q, column %q", file, col)
	}
	adm.do(screenshot("golive-rejected"))

	reg.persons(t, false)
	adm.do(chromedp.SetUploadFiles(chromedp.ID("register-files"), reg.files()))
	if st := adm.submit("apply"); st != http.StatusOK || adm.count("#register-problems tr.error") != 0 {
		t.Fatalf("the import: %d %q %q", st, adm.text("#register-outcome"), adm.text("#register-problems"))
	}
	inserted := js[string](adm, "#register-counts tbody tr",
		`[...document.querySelectorAll(s)].find(r => r.cells[0].innerText.trim() == "persons.csv")?.cells[2].innerText.trim() ?? ""`)
	if inserted != "2" {
		t.Errorf("persons inserted: %q; the page says %q", inserted, adm.text("#register-outcome"))
	}
	adm.do(screenshot("golive-imported"))

	user, pw := adm.printLetters()
	if user != "chaoyang_hr" || len(pw) != 12 {
		t.Fatalf("the letter: username %q, password %q", user, pw)
	}

	op := adm.session()
	op.login(user, pw, "/password")
	op.changePassword(pw, "Kiosk2026pw")
	op.open("/items/new?type=enroll")
	op.do(fill("id_number", reg.hired), fill("wage", "9000"))
	op.submit("preview")
	op.want("#pv-ok")
	op.submit("submit")
	if st, receipt := op.attr("#status", "data-status"), op.text("#receipt"); st != "approved" || !strings.HasPrefix(receipt, "SB") {
		t.Errorf("the enrollment: status %q, receipt %q", st, receipt)
	}
	op.do(screenshot("golive-enrolled"))
}

// printLetters clicks the letters button, which opens the printable letters
// in a new tab, and returns the first operator's username and one-time
// password from it.
func (b *tab) printLetters() (user, pw string) {
	b.t.Helper()
	b.open("/admin/register")
	opened := chromedp.WaitNewTarget(b.ctx, func(i *target.Info) bool { return strings.HasSuffix(i.URL, "/admin/register/letters") })
	b.do(click("issue-letters"))
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithTargetID(<-opened))
	b.t.Cleanup(cancel)
	letters := &tab{t: b.t, ctx: ctx, base: b.base}
	letters.do(wait(".letter code"), screenshot("golive-letter"))
	codes := js[[]string](letters, ".letter tr:nth-child(2) code", `[...document.querySelectorAll(s)].map(e => e.innerText.trim())`)
	if len(codes) != 2 {
		b.t.Fatalf("the letter's codes: %q", codes)
	}
	return codes[0], codes[1]
}
