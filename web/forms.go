package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"shebao"
	"shebao/i18n"
)

// maxField bounds every text input, checked on the server.
const maxField = 64

// maxPassword bounds password inputs (bcrypt reads at most 72 bytes).
const maxPassword = 128

// formState is what every form page shows besides its values: a message per
// field, shown beside the field, and one for the whole form.
type formState struct {
	Errors  map[string]string
	Message string
}

// HasErrors reports whether the form has any message.
func (f formState) HasErrors() bool { return len(f.Errors) > 0 || f.Message != "" }

// Err returns the message of a field ("" when none), for the templates.
func (f formState) Err(field string) string { return f.Errors[field] }

// setError puts err's message beside its field when the form has that
// field, or above the form; a shebao.FieldErrors puts each of its errors so.
// It reports false for errors that are not the user's input (those go to the
// error adapter).
func (f *formState) setError(lang i18n.Lang, err error, fields ...string) bool {
	var fe shebao.FieldErrors
	if errors.As(err, &fe) {
		for _, e := range fe {
			if !f.setError(lang, e, fields...) {
				return false
			}
		}
		return true
	}
	e := shebao.AsError(err)
	if e.Code != shebao.EINVALID && e.Code != shebao.EREFUSED && e.Code != shebao.EUNAUTHORIZED {
		return false
	}
	msg := i18n.Error(lang, e)
	for _, name := range fields {
		if e.Field == name {
			if f.Errors == nil {
				f.Errors = map[string]string{}
			}
			f.Errors[name] = msg
			return true
		}
	}
	f.Message = msg
	return true
}

// text returns a trimmed form value, or an EINVALID error naming the field
// when it is longer than max characters.
func text(r *http.Request, name string, max int) (string, error) {
	v := strings.TrimSpace(strings.ToValidUTF8(r.FormValue(name), ""))
	if utf8.RuneCountInString(v) > max {
		return "", shebao.Invalid(name, shebao.ReasonTooLong, strconv.Itoa(max))
	}
	return v, nil
}

// required is text for a field that must not be empty.
func required(r *http.Request, name string, max int) (string, error) {
	v, err := text(r, name, max)
	if err == nil && v == "" {
		err = shebao.Invalid(name, shebao.ReasonRequired)
	}
	return v, err
}

// secret returns a password field as typed (not trimmed), or an EINVALID
// error naming the field when it is empty or too long.
func secret(r *http.Request, name string) (string, error) {
	v := r.FormValue(name)
	switch {
	case v == "":
		return "", shebao.Invalid(name, shebao.ReasonRequired)
	case utf8.RuneCountInString(v) > maxPassword:
		return "", shebao.Invalid(name, shebao.ReasonTooLong, strconv.Itoa(maxPassword))
	}
	return v, nil
}

// pageParam reads the page number of a list (1 when missing or malformed).
func pageParam(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || n < 1 || n > 100000 {
		return 1
	}
	return n
}
