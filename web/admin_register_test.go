package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"shebao"
	"shebao/register"
	"shebao/register/registertest"
)

// uploadFiles posts the register files of dir as the multipart field
// "files", with apply.
func uploadFiles(t *testing.T, b *browser, dir, apply string) page {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("csrf", b.csrf)
	w.WriteField("apply", apply)
	for _, k := range register.Kinds() {
		data, err := os.ReadFile(filepath.Join(dir, k+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		fw, _ := w.CreateFormFile("files", k+".csv")
		fw.Write(data)
	}
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, b.f.srv.URL+"/admin/register", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.do(req)
}

// The administrator imports a register through the page: a rejected row is
// shown by file, row and column and nothing is imported; once fixed, the
// check passes and the import stores it; the letters' passwords log the
// operators in, who must change them first.
func TestRegisterPage(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		addAdmin(t, f)
		b := f.browser()
		b.login("admin")
		if p := b.get("/admin"); !p.has(`#readiness tr[data-check="admin"].ok`) || !p.has(`#readiness tr[data-check="proof_key"].missing`) {
			t.Fatalf("the admin page's readiness panel: %q", p.text("#readiness"))
		}
		b.get("/admin/register")
		if p := upload(t, b, "/admin/register/policies", "../docs/policy-2027.example.json"); !strings.Contains(p.text("#policy-years"), "2027") {
			t.Fatalf("policy years: %d %q", p.status, p.text("#policy-years, #form-error"))
		}
		dir := t.TempDir()
		if err := registertest.Write(dir, registertest.Size{Units: 2, Persons: 3, Today: shebao.NewDate(2026, 7, 8)}); err != nil {
			t.Fatal(err)
		}
		good, _ := os.ReadFile(filepath.Join(dir, "persons.csv"))
		bad := append(append([]byte(nil), good...), []byte("110105199001011234,坏行,,,\n")...)
		os.WriteFile(filepath.Join(dir, "persons.csv"), bad, 0o600)
		b.get("/admin/register")
		p := uploadFiles(t, b, dir, "1")
		if p.status != http.StatusUnprocessableEntity || p.text(`#register-problems tr[data-row="5"] td:nth-child(3)`) != "id_number" {
			t.Fatalf("a rejected row: %d %q", p.status, p.text("#register-problems"))
		}
		os.WriteFile(filepath.Join(dir, "persons.csv"), good, 0o600)
		if p = uploadFiles(t, b, dir, "0"); p.status != http.StatusOK || p.has("#register-problems") {
			t.Fatalf("the check after the fix: %d %q", p.status, p.text("#register-outcome"))
		}
		if p = uploadFiles(t, b, dir, "1"); p.status != http.StatusOK || p.text("#register-counts tr:first-child td:nth-child(3)") != "2" {
			t.Fatalf("the import: %d %q", p.status, p.text("#register-outcome, #register-counts"))
		}
		p = b.post("/admin/register/letters", url.Values{})
		first := p.doc.Find(".letter").First().Find("tr").Eq(1).Find("code")
		user, pw := first.Eq(0).Text(), first.Eq(1).Text()
		if p.status != http.StatusOK || user == "" || len(pw) != 12 {
			t.Fatalf("letters: %d %q %q", p.status, user, pw)
		}
		op := f.browser()
		p = op.post("/login", url.Values{"username": {user}, "password": {pw}})
		if p.url.Path != "/password" {
			t.Fatalf("the operator's first login lands on %s", p.url)
		}
		b.get("/admin/register")
		if p := b.post("/admin/register/letters", url.Values{}); p.text("#form-error") == "" {
			t.Fatal("letters issued twice")
		}
	})
}
