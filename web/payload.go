package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"shebao"
	"shebao/i18n"
)

// The generic payload renderer: an item's payload on the review page, and
// an audit entry's detail on the audit log viewer and in its export
// (audit_labels.go), field by field in the reader's language.

// payloadField is one detail of an item's payload, labelled and formatted
// for people.
type payloadField struct{ Key, Value string }

// moneyKeys are the payload keys whose numbers are amounts in fen; a key
// ending in "_fen" is one too.
var moneyKeys = map[string]bool{
	"wage": true, "base": true, "old_base": true, "employer": true, "employee": true,
	"late_fee": true, "total": true,
}

// valueLabels maps the payload keys whose values are enumerated to the
// catalogue prefix of the values' labels.
var valueLabels = map[string]string{
	"clamp": "clamp.", "group": "retire.group.", "post_category": "change.post.", "sex": "sex.",
	"document": "bring.", "field": "change.field.", "kind": "office.payload.kind.",
	"status": "status.", "type": "type.", "role": "role.",
}

// payloadFields lists a payload's top-level fields in key order, each with
// its label in lang and its value formatted (money in yuan, enumerated
// values by their label, nested lists and objects spelled out); a payload
// that is not a JSON object is shown whole.
func payloadFields(payload string, lang i18n.Lang) []payloadField {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(payload), &m); err != nil {
		return []payloadField{{payloadLabel("payload", lang), payload}}
	}
	out := make([]payloadField, 0, len(m))
	for _, k := range sortedKeys(m) {
		var v any
		dec := json.NewDecoder(bytes.NewReader(m[k]))
		dec.UseNumber() // keeps fen exact
		if dec.Decode(&v) != nil {
			v = string(m[k])
		}
		out = append(out, payloadField{payloadLabel(k, lang), payloadValue(k, v, lang)})
	}
	return out
}

// payloadLabel names a payload key: by the office's label for it, else by
// the form field's of the same name, else by the key itself.
func payloadLabel(key string, lang i18n.Lang) string {
	for _, k := range []string{"office.payload." + key, "field." + key} {
		if i18n.Has(k) {
			return i18n.T(lang, k)
		}
	}
	return key
}

// payloadValue formats a decoded JSON value of key for people.
func payloadValue(key string, v any, lang i18n.Lang) string {
	switch v := v.(type) {
	case nil:
		return i18n.T(lang, "office.review.no_value")
	case bool:
		if v {
			return i18n.T(lang, "office.payload.yes")
		}
		return i18n.T(lang, "office.payload.no")
	case json.Number:
		if n, err := v.Int64(); err == nil && (moneyKeys[key] || strings.HasSuffix(key, "_fen")) {
			return shebao.Fen(n).String()
		}
		return v.String()
	case string:
		if p, ok := valueLabels[key]; ok && i18n.Has(p+v) {
			return i18n.T(lang, p+v)
		}
		return v
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = payloadValue(key, e, lang)
		}
		return strings.Join(parts, i18n.T(lang, "office.payload.sep_list"))
	case map[string]any:
		if inner, ok := v[key]; ok && len(v) == 1 { // {"checklist":{"checklist":[…]}} says it once
			return payloadValue(key, inner, lang)
		}
		parts := make([]string, 0, len(v))
		for _, k := range sortedKeys(v) {
			parts = append(parts, payloadLabel(k, lang)+i18n.T(lang, "sep.colon")+payloadValue(k, v[k], lang))
		}
		return strings.Join(parts, i18n.T(lang, "office.payload.sep_field"))
	}
	return fmt.Sprint(v)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
