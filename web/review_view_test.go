package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"shebao"
	"shebao/backpay"
	"shebao/changes"
	"shebao/demo"
	"shebao/i18n"
)

// TestReviewViewFallback shows the payloads of types without a view of
// their own, and payloads their type cannot read, labelled and in yuan.
func TestReviewViewFallback(t *testing.T) {
	tests := []struct {
		name string
		it   shebao.Item
		lang i18n.Lang
		want []payloadField
	}{
		{"declare", shebao.Item{Type: shebao.ItemDeclare,
			Payload: `{"year":2026,"from_period":"2026-07","clamp":"floor","old_base":500000,"row":3}`}, i18n.ZH,
			[]payloadField{{"基数核定", "低于下限：按缴费基数下限核定"}, {"生效所属期", "2026-07"},
				{"原缴费基数", "¥5,000.00"}, {"申报表行号", "3"}, {"年度", "2026"}}},
		{"unreadable back-pay", shebao.Item{Type: shebao.ItemBackpay,
			Payload: `{"months":"2026-01..2026-03","total":283500}`}, i18n.EN,
			[]payloadField{{"Months", "2026-01..2026-03"}, {"Total", "¥2,835.00"}}},
		{"nested", shebao.Item{Type: shebao.ItemCard,
			Payload: `{"checklist":[{"document":"id_original","required":true,"checked":false}]}`}, i18n.EN,
			[]payloadField{{"Checklist", "Checked: no, Document: " + i18n.T(i18n.EN, "bring.id_original") + ", Required: yes"}}},
		{"not an object", shebao.Item{Type: shebao.ItemProof, Payload: `[1,2]`}, i18n.ZH,
			[]payloadField{{"内容", "[1,2]"}}},
		{"change without changes", shebao.Item{Type: shebao.ItemUnitChange, Payload: `{"reason":"x"}`}, i18n.ZH,
			[]payloadField{{"原因", "x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := reviewView(tt.it, tt.lang)
			if v.Backpay != nil || v.Change != nil {
				t.Fatalf("typed view for %s", tt.it.Payload)
			}
			if diff := cmp.Diff(tt.want, v.Fields); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReviewViewPersonChange labels a person's fields as a person's and
// shows enumerated values by their label.
func TestReviewViewPersonChange(t *testing.T) {
	it := shebao.Item{Type: shebao.ItemPersonChange, Payload: `{"changes":[` +
		`{"field":"name","old":"张三","new":"张叁"},{"field":"post_category","old":"worker","new":"cadre"}],"reason":"户籍更正"}`}
	got := reviewView(it, i18n.ZH).Change
	want := &changeView{Reason: "户籍更正", Rows: []changeRow{
		{Field: "name", Label: "姓名", Old: "张三", New: "张叁"},
		{Field: "post_category", Label: "岗位类别", Old: "工人", New: "干部（管理岗位）"},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("view (-want +got):\n%s", diff)
	}
}

// TestReviewPageShowsPayload submits a back-pay application and a unit
// name change in the demo district and checks that the reviewer's page
// shows them readably: the months with amounts in yuan, and the name's old
// and new value under its label, in both languages.
func TestReviewPageShowsPayload(t *testing.T) {
	d := newDistrict(t)
	ctx := context.Background()
	clock := shebao.FixedDayClock{Day: testToday}
	log := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	a, unit := districtOperator(t, d)

	bp := &backpay.Service{Store: d.db, Clock: clock, Log: log}
	bpItem, q, err := bp.Submit(ctx, a, backpay.Request{IDNumber: d.guide.Backpay, From: 202601, To: 202603, Wage: 900000})
	if err != nil || bpItem.Status != shebao.StatusInReview || len(q.Months) != 3 {
		t.Fatalf("back-pay: %v, status %s, %d months", err, bpItem.Status, len(q.Months))
	}
	newName := unit.Name + "（北京）"
	chg := &changes.Service{Store: d.db, Clock: clock, Log: log}
	res, err := chg.ChangeUnit(ctx, a, changes.UnitRequest{Contact: unit.Contact, Phone: unit.Phone,
		Address: unit.Address, BankAccount: unit.BankAccount, Name: newName, CreditCode: unit.CreditCode,
		LegalRep: unit.LegalRep, Reason: "经市场监管部门核准变更名称"})
	if err != nil || res.Review.ID == 0 {
		t.Fatalf("unit change: %v, review item %d", err, res.Review.ID)
	}

	rv := districtBrowser(t, d, d.guide.Reviewer)
	p := rv.get("/review/" + strconv.FormatInt(bpItem.ID, 10))
	rows := p.doc.Find("#rv-months tbody tr")
	if rows.Length() != 3 || rows.First().Find("td").First().Text() != "2026-01" {
		t.Fatalf("month rows: %d, first %q", rows.Length(), rows.First().Find("td").First().Text())
	}
	if got, want := rows.First().Find("td").Eq(2).Text(), q.Months[0].Employer.String(); got != want || !strings.HasPrefix(got, "¥") {
		t.Errorf("first month's employer amount %q, want %q", got, want)
	}
	if got := p.text("#rv-total"); got != q.Total.String() {
		t.Errorf("total %q, want %q", got, q.Total.String())
	}
	if got := p.text("#rv-wage"); got != "¥9,000.00" {
		t.Errorf("wage %q", got)
	}
	if body := p.text("main"); strings.Contains(body, "computed_on") || strings.Contains(body, "late_fee") {
		t.Errorf("the page shows payload keys: %s", body)
	}

	path := "/review/" + strconv.FormatInt(res.Review.ID, 10)
	p = rv.get(path)
	name := p.doc.Find(`#rv-changes tr[data-field="name"]`)
	if got := strings.TrimSpace(name.Find("th").Text()); got != "单位名称" {
		t.Errorf("label %q, want 单位名称", got)
	}
	if old, nw := name.Find("td.old").Text(), name.Find("td.new").Text(); old != unit.Name || nw != newName {
		t.Errorf("name %q → %q, want %q → %q", old, nw, unit.Name, newName)
	}
	if got := p.text("#rv-change-reason"); got != "经市场监管部门核准变更名称" {
		t.Errorf("reason %q", got)
	}
	p = rv.get("/lang?to=en&next=" + url.QueryEscape(path))
	if got := strings.TrimSpace(p.doc.Find(`#rv-changes tr[data-field="name"] th`).Text()); got != "Unit name" {
		t.Errorf("English label %q", got)
	}
}

// districtOperator returns the actor of the demo district's operator of
// unit A, and the unit.
func districtOperator(t *testing.T, d *district) (shebao.Actor, shebao.Unit) {
	t.Helper()
	var acc shebao.Account
	var u shebao.Unit
	err := d.db.View(context.Background(), func(tx shebao.Tx) error {
		var err error
		if acc, err = tx.AccountByUsername(context.Background(), d.guide.OperatorA); err != nil {
			return err
		}
		u, err = tx.UnitByCreditCode(context.Background(), d.guide.UnitACode)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return shebao.Actor{AccountID: acc.ID, Username: acc.Username, Role: acc.Role, UnitID: u.ID, Channel: shebao.Online}, u
}

// districtBrowser returns a goquery client of the district's pages, logged
// in as username.
func districtBrowser(t *testing.T, d *district, username string) *browser {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	// The client only needs the server's URL.
	b := &browser{t: t, f: &fixture{t: t, srv: &httptest.Server{URL: d.url}}, hc: &http.Client{Jar: jar}}
	p := b.post("/login", url.Values{"username": {username}, "password": {demo.Password}})
	if p.url.Path != "/" || p.status != http.StatusOK {
		t.Fatalf("login %s: at %s (%d)", username, p.url, p.status)
	}
	return b
}
