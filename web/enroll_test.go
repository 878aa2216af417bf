package web

import (
	"net/http"
	"strings"
	"testing"
)

func TestEnrollPreviewSubmit(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		p := b.get("/items/new?type=enroll")
		key, _ := p.doc.Find(`input[name="client_key"]`).Attr("value")
		if p.status != http.StatusOK || key == "" {
			t.Fatalf("form: %d, client key %q", p.status, key)
		}
		form := itemForm("enroll", f.person["new"].IDNumber, "3000", "preview")
		form.Set("client_key", key)
		p = b.post("/items/new", form)
		if p.status != http.StatusOK || !p.has("#pv-ok") {
			t.Fatalf("preview: %d %q", p.status, p.text("#refusal, #form-error"))
		}
		want := map[string]string{
			"#pv-person": "张伟", "#pv-period": "2026-07", "#pv-wage": "¥3,000.00",
			"#pv-base": "¥4,494.00", "#pv-id": "110105********" + f.person["new"].IDNumber[14:],
		}
		for sel, w := range want {
			if got := p.text(sel); got != w {
				t.Errorf("%s = %q, want %q", sel, got, w)
			}
		}
		if c, _ := p.doc.Find("#pv-clamp").Attr("data-clamp"); c != "floor" {
			t.Errorf("clamp = %q, want floor", c)
		}
		if got, _ := p.doc.Find(`input[name="client_key"]`).Attr("value"); got != key {
			t.Errorf("preview lost the client key: %q", got)
		}
		form.Set("action", "submit")
		p = b.post("/items/new", form)
		id := itemIDOf(t, p)
		if s, _ := p.doc.Find("#status").Attr("data-status"); s != "approved" {
			t.Errorf("status = %q", s)
		}
		if r := p.text("#receipt"); !strings.HasPrefix(r, "SB20260708") {
			t.Errorf("receipt = %q", r)
		}
		if got := p.text("#decision"); !strings.Contains(got, "2026-07") || !strings.Contains(got, "¥4,494.00") {
			t.Errorf("decision = %q", got)
		}
		// A double click sends the same form again: the same item, no second one.
		p = b.post("/items/new", form)
		if again := itemIDOf(t, p); again != id {
			t.Errorf("resubmission made item %s, want %s", again, id)
		}
		if n := b.get("/items").doc.Find("#items tbody tr").Length(); n != 1 {
			t.Errorf("%d items after a double submit, want 1", n)
		}
		if p := b.get("/roster?q=张伟"); p.text("#roster td.name") != "张伟" {
			t.Error("the enrolled person is not on the roster")
		}
	})
}

func TestEnrollRefusals(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		cases := []struct {
			name, typ, person, want string
		}{
			{"no registration", "enroll", "none", "无此人就业备案信息"},
			{"unknown person", "enroll", "", "无此人就业备案信息"},
			{"registered today", "enroll", "today", "2026-07-09"},
			{"already insured", "enroll", "insured", "已在本单位参保"},
			{"resume never insured", "resume", "new", "从未参保"},
			{"another unit's employee", "enroll", "b_new", "无此人就业备案信息"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				id := f.unknownID
				if c.person != "" {
					id = f.person[c.person].IDNumber
				}
				p := b.post("/items/new", itemForm(c.typ, id, "8000", "preview"))
				if got := p.text("#refusal"); !strings.Contains(got, c.want) {
					t.Errorf("refusal = %q, want %q", got, c.want)
				}
				if p.has("#submit") {
					t.Error("a refused preview offers to submit")
				}
				if !p.has("#edit") {
					t.Error("no way back to the form")
				}
			})
		}
	})
}

func TestItemFormBadInput(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		b.login("hr_a")
		good := f.person["new"].IDNumber
		cases := []struct {
			name, field, id, wage, want string
		}{
			{"empty id", "id_number", "", "8000", "不能为空"},
			{"short id", "id_number", "11010519900307", "8000", "您填写了 14 位"},
			{"letters", "id_number", "11010519900307A12X", "8000", "只能由数字组成"},
			{"region", "id_number", "99" + good[2:], "8000", "省份代码"},
			{"birth date", "id_number", fixCheck("110105" + "19901307" + "123"), "8000", "出生日期"},
			{"check char", "id_number", good[:17] + wrongCheck(good[17]), "8000", "校验位"},
			{"legacy", "id_number", "110105900307123", "8000", "15 位旧身份证"},
			{"oversized id", "id_number", strings.Repeat("1", 65), "8000", "最多 64"},
			{"empty wage", "wage", good, "", "请填写金额"},
			{"bad wage", "wage", good, "8千", "金额格式不对"},
			{"zero wage", "wage", good, "0", "必须大于零"},
			{"huge wage", "wage", good, "99999999999999", "金额过大"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				p := b.post("/items/new", itemForm("enroll", c.id, c.wage, "preview"))
				if p.status != http.StatusUnprocessableEntity {
					t.Errorf("status %d", p.status)
				}
				if got := p.text("#" + c.field + "-error"); !strings.Contains(got, c.want) {
					t.Errorf("%s message = %q, want %q", c.field, got, c.want)
				}
			})
		}
		t.Run("unknown type", func(t *testing.T) {
			p := b.get("/items/new?type=transfer")
			if p.status != http.StatusBadRequest || !strings.Contains(p.text("#error-message"), "业务类型") {
				t.Errorf("%d %q", p.status, p.text("#error-message"))
			}
		})
		t.Run("unknown stop reason", func(t *testing.T) {
			p := b.post("/items/new", itemForm("stop", f.person["insured"].IDNumber, "fired", "preview"))
			if got := p.text("#stop_reason-error"); !strings.Contains(got, "停保原因") {
				t.Errorf("message = %q", got)
			}
		})
		t.Run("unknown action", func(t *testing.T) {
			if p := b.post("/items/new", itemForm("enroll", good, "8000", "hack")); p.status != http.StatusBadRequest {
				t.Errorf("status %d", p.status)
			}
		})
		t.Run("body over 1 MB", func(t *testing.T) {
			form := itemForm("enroll", good, "8000", "preview")
			form.Set("pad", strings.Repeat("x", 1<<20))
			if p := b.post("/items/new", form); p.status != http.StatusRequestEntityTooLarge {
				t.Errorf("status %d", p.status)
			}
		})
		t.Run("submitting a refused request", func(t *testing.T) {
			p := b.post("/items/new", itemForm("enroll", f.unknownID, "8000", "submit"))
			if p.status >= 500 {
				t.Errorf("status %d", p.status)
			}
		})
	})
}

// fixCheck completes 17 characters with their check character.
func fixCheck(first17 string) string { return idNumber(first17[:6], first17[6:14], first17[14:]) }

// wrongCheck returns a check character other than c.
func wrongCheck(c byte) string {
	if c == '1' {
		return "2"
	}
	return "1"
}
