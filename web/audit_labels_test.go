package web

import (
	"testing"

	"shebao"
	"shebao/i18n"
)

// TestAuditActionLabel: every action reads as words in both languages,
// known or not.
func TestAuditActionLabel(t *testing.T) {
	tests := []struct {
		action string
		zh, en string
	}{
		{"login", "登录", "Logged in"},
		{"account.create", "新建账号", "Account created"},
		{"review.approve", "复核通过", "Review: approved"},
		{"item.card", "办理事项：社保卡制卡", "Item: Social security card production"},
		{"item.enroll", "办理事项：新参保", "Item: New enrollment"},
		{"employment.import.file", "导入就业登记（文件导入）", "Employment registrations imported (File import)"},
		{"review.escalate", "复核（escalate）", "Review (escalate)"},                             // a new action under a known prefix
		{"item.space_travel", "其他操作（item.space_travel）", "Other action (item.space_travel)"}, // an unknown item type
		{"frobnicate", "其他操作（frobnicate）", "Other action (frobnicate)"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := auditActionLabel(tt.action, i18n.ZH); got != tt.zh {
			t.Errorf("zh %q = %q, want %q", tt.action, got, tt.zh)
		}
		if got := auditActionLabel(tt.action, i18n.EN); got != tt.en {
			t.Errorf("en %q = %q, want %q", tt.action, got, tt.en)
		}
	}
}

// TestAuditDetail: a JSON detail is listed by the review page's payload
// renderer, labelled, money in yuan, coded values by their labels; plain
// text stays as it is.
func TestAuditDetail(t *testing.T) {
	tests := []struct {
		detail string
		lang   i18n.Lang
		want   string
	}{
		{`{"checklist":{"checklist":[{"document":"id_original","required":true,"checked":true}]},"receipt":"R1","status":"approved"}`, i18n.ZH,
			"材料清单：已核验：是，材料：本人居民身份证原件，必需：是；受理编号：R1；状态：已办结"},
		{`{"receipt":"R2","base":800000,"type":"declare"}`, i18n.EN,
			"Contribution base: ¥8,000.00; Receipt: R2; Item type: Base declaration"},
		{"demo district loaded", i18n.ZH, "demo district loaded"},
		{"", i18n.ZH, ""},
	}
	for _, tt := range tests {
		if got := auditDetailText(tt.detail, tt.lang); got != tt.want {
			t.Errorf("%s %s:\n got %q\nwant %q", tt.lang, tt.detail, got, tt.want)
		}
	}
}

// TestAuditLabels: the export names roles and channels by their existing
// labels, and leaves an unknown code as it is.
func TestAuditLabels(t *testing.T) {
	zh, en := auditLabels{i18n.ZH}, auditLabels{i18n.EN}
	if zh.Role(shebao.RoleAdmin) != "管理员" || en.Channel(shebao.Counter) != "Counter" || zh.Channel("") != "" ||
		zh.Role("martian") != "martian" || zh.Header("action_code") != "操作代码" {
		t.Errorf("labels: %q %q %q %q", zh.Role(shebao.RoleAdmin), en.Channel(shebao.Counter), zh.Role("martian"), zh.Header("action_code"))
	}
}
