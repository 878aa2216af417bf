package i18n

// Messages of the phone, bill-at-a-glance, accessibility and small-things
// work (issue 10).
func init() {
	add(
		[3]string{"phone.bill.lines", "各险种明细（%d 项）", "Per insurance (%d lines)"},
		[3]string{"phone.bill.noted", "含封顶保底或舍入", "with a clamp or rounding"},
		[3]string{"phone.admin.locked", "已锁定（密码错误次数过多）", "Locked (too many wrong passwords)"},
		[3]string{"phone.admin.unlock", "解除锁定", "Unlock"},
		[3]string{"office.audit.action.account.unlock", "解除账号锁定", "Account unlocked"},
		[3]string{"phone.file.policies", "政策文件（JSON）", "Policy file (JSON)"},
		[3]string{"phone.file.register", "登记册文件（CSV 或 Excel，可多选）", "Register files (CSV or Excel, several at once)"},
	)
}
