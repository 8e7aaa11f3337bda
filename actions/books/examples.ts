/** Example Books records shared by the Books actions' example payloads (shapes as Books answers them). */

export const exampleInvoice = {
  customer_id: "460000000026049",
  line_items: [{ line_item_id: "460000000028195", name: "Consulting hour", item_id: "460000000027009", rate: 120, quantity: 2, item_total: 240 }],
  invoice_id: "460000000028192",
  invoice_number: "INV-000001",
  status: "draft",
  date: "2026-11-22",
  currency_code: "USD",
  customer_name: "Bowman and Co",
  sub_total: 240,
  total: 240,
  balance: 240,
  last_modified_time: "2026-11-22T10:15:30+0000",
  created_time: "2026-11-22T10:15:30+0000",
};

export const examplePageContext = {
  page: 1,
  per_page: 200,
  has_more_page: false,
  report_name: "Invoices",
  applied_filter: "Status.All",
  sort_column: "created_time",
  sort_order: "D",
};

export const exampleOrganization = {
  organization_id: "10234695",
  name: "Zylker Inc",
  is_default_org: true,
  contact_name: "Zylker Inc",
  email: "admin@zylkerinc.com",
  account_created_date: "2026-01-05",
  time_zone: "Etc/UTC",
  language_code: "en",
  date_format: "yyyy-MM-dd",
  field_separator: "-",
  fiscal_year_start_month: 0,
  currency_id: "460000000000097",
  currency_code: "USD",
  currency_symbol: "$",
  currency_format: "###,##0.00",
  price_precision: 2,
  is_org_active: true,
  user_role: "admin",
};
