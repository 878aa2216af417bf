// Package i18n is the message catalogue: every user-facing string of the
// pages and the API, in Simplified Chinese (the default) and English.
// Messages are looked up by key; placeholders are %s, filled in order.
package i18n

import (
	"fmt"
	"strings"

	"shebao"
)

// Lang is a language of the catalogue.
type Lang string

// Languages.
const (
	ZH Lang = "zh"
	EN Lang = "en"
)

// Default is the language shown when none is chosen.
const Default = ZH

// Langs lists the catalogue's languages.
var Langs = []Lang{ZH, EN}

// Parse returns the language named s ("zh", "zh-CN", "en-US", …), or Default.
func Parse(s string) Lang {
	s = strings.ToLower(strings.TrimSpace(s))
	if strings.HasPrefix(s, "en") {
		return EN
	}
	return Default
}

// FromAcceptLanguage picks a language from an Accept-Language header: the
// first of its languages the catalogue has, or Default.
func FromAcceptLanguage(h string) Lang {
	for _, part := range strings.Split(h, ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		switch {
		case strings.HasPrefix(strings.ToLower(tag), "zh"):
			return ZH
		case strings.HasPrefix(strings.ToLower(tag), "en"):
			return EN
		}
	}
	return Default
}

// catalogue maps a key to its message per language. It is filled by the
// init functions of this package's files (one file per area).
var catalogue = map[string]map[Lang]string{}

// add registers messages: each entry is key, Chinese, English.
func add(entries ...[3]string) {
	for _, e := range entries {
		if _, dup := catalogue[e[0]]; dup {
			panic("i18n: duplicate key " + e[0])
		}
		catalogue[e[0]] = map[Lang]string{ZH: e[1], EN: e[2]}
	}
}

// T returns the message for key in lang with args filled in. A missing key
// shows as the key itself, so that a gap is visible, never blank.
func T(lang Lang, key string, args ...string) string {
	m, ok := catalogue[key]
	if !ok {
		return key
	}
	s, ok := m[lang]
	if !ok || s == "" {
		s = m[Default]
	}
	if len(args) == 0 {
		return s
	}
	vals := make([]any, len(args))
	for i, a := range args {
		vals[i] = a
	}
	return fmt.Sprintf(s, vals...)
}

// Has reports whether key is in the catalogue.
func Has(key string) bool { _, ok := catalogue[key]; return ok }

// Error returns the user-facing message of err in lang: the message of its
// reason, prefixed with the field's label when it names one. Internal
// errors get a generic message; their details belong in the log.
func Error(lang Lang, err error) string {
	e := shebao.AsError(err)
	if e.Code == shebao.EINTERNAL {
		return T(lang, "reason."+shebao.ReasonInternal)
	}
	msg := T(lang, "reason."+e.Reason, e.Args...)
	if e.Field != "" && Has("field."+e.Field) {
		if label := T(lang, "field."+e.Field); !strings.Contains(msg, label) {
			msg = label + T(lang, "sep.colon") + msg
		}
	}
	return msg
}
