package i18n

// Names of the fields of the JSON API's twins of the pages (package api:
// information changes, proofs, declarations, review decisions), for the
// messages of errors that name them. The pages name their form fields
// ("chg_phone"); the API names its JSON fields.
func init() {
	add(
		[3]string{"field.approve", "审核结论（approve）", "Decision (approve)"},
		[3]string{"field.reason", "原因", "Reason"},
		[3]string{"field.contact", "联系人", "Contact person"},
		[3]string{"field.phone", "联系电话", "Phone"},
		[3]string{"field.address", "地址", "Address"},
		[3]string{"field.bank_account", "银行账号", "Bank account"},
		[3]string{"field.name", "名称/姓名", "Name"},
		[3]string{"field.legal_rep", "法定代表人", "Legal representative"},
		[3]string{"field.new_id_number", "更正后的身份证号码", "Corrected ID number"},
		[3]string{"field.kind", "证明类型", "Kind of proof"},
	)
}
