package web

import (
	"strings"

	"shebao"
	"shebao/i18n"
)

// auditActionLabel names an audit action in lang: by its own label
// ("office.audit.action."+action); an item action ("item."+type) by the
// item type's name; an employment import by its channel; any other action
// by the label of its nearest known prefix with the rest in brackets, else
// as "other action (key)", so that a new action still reads as a sentence.
func auditActionLabel(action string, lang i18n.Lang) string {
	if action == "" {
		return ""
	}
	if key := "office.audit.action." + action; i18n.Has(key) {
		return i18n.T(lang, key)
	}
	if t, ok := strings.CutPrefix(action, "item."); ok && i18n.Has("type."+t) {
		return i18n.T(lang, "office.audit.item_action", i18n.T(lang, "type."+t))
	}
	if ch, ok := strings.CutPrefix(action, "employment.import."); ok && i18n.Has("employment.channel."+ch) {
		return i18n.T(lang, "office.audit.employment_import", i18n.T(lang, "employment.channel."+ch))
	}
	for p := action; strings.Contains(p, "."); {
		p = p[:strings.LastIndex(p, ".")]
		if key := "office.audit.action." + p; i18n.Has(key) {
			return i18n.T(lang, "office.audit.action_more", i18n.T(lang, key), action[len(p)+1:])
		}
	}
	return i18n.T(lang, "office.audit.action_other", action)
}

// auditDetail lists an audit entry's detail for people, with the review
// page's payload renderer: a JSON object field by field (labelled, money in
// yuan, enumerated values by their label); plain text as it is, with no
// label.
func auditDetail(detail string, lang i18n.Lang) []payloadField {
	detail = strings.TrimSpace(detail)
	if detail == "" {
		return nil
	}
	if !strings.HasPrefix(detail, "{") {
		return []payloadField{{Value: detail}}
	}
	return payloadFields(detail, lang)
}

// auditDetailText is auditDetail on one line, for the export.
func auditDetailText(detail string, lang i18n.Lang) string {
	fs := auditDetail(detail, lang)
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.Value
		if f.Key != "" {
			parts[i] = f.Key + i18n.T(lang, "sep.colon") + f.Value
		}
	}
	return strings.Join(parts, i18n.T(lang, "office.payload.sep_list"))
}

// auditLabels names the audit export's columns and codes in a language
// (auditlog.Labeller).
type auditLabels struct{ lang i18n.Lang }

func (l auditLabels) Header(c string) string { return i18n.T(l.lang, "office.audit.col."+c) }

func (l auditLabels) Role(r shebao.Role) string { return codeLabel(l.lang, "role.", string(r)) }

func (l auditLabels) Channel(c shebao.Channel) string {
	return codeLabel(l.lang, "channel.", string(c))
}

func (l auditLabels) Action(a string) string { return auditActionLabel(a, l.lang) }

func (l auditLabels) Detail(d string) string { return auditDetailText(d, l.lang) }

// codeLabel is the catalogue's label prefix+code in lang; "" for no code,
// the code itself when the catalogue has no label for it.
func codeLabel(lang i18n.Lang, prefix, code string) string {
	switch {
	case code == "":
		return ""
	case i18n.Has(prefix + code):
		return i18n.T(lang, prefix+code)
	}
	return code
}
