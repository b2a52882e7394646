import type { Dictionary } from './zh-CN';

/** The service journey pages' words in English (zh-CN's are under `journey`). */
export const journeyEn: Dictionary['journey'] = {
  group: 'Client service journey', board: 'Journey board', step: 'Step', allSteps: 'All steps', count: '{{count}} test orders', testOrderNo: 'Test order', customer: 'Customer', doctor: 'Doctor', items: 'Test items',
  amount: 'Amount', state: 'Step', reportDue: 'Report due', overdue: 'Overdue', actions: 'Actions', confirm: 'Confirm', cancel: 'Cancel', stepTaken: 'Done',
  fields: { reason: 'Say why', summary: 'The summary report', trackingNo: 'Tracking number' },
  states: { PRESCRIBED: 'Prescribed', SAMPLING: 'Sampling', SAMPLE_REJECTED: 'Sample rejected', TESTING: 'Testing', REPORT_RECEIVED: 'Report received', UNDER_REVIEW: 'Under review', RELEASED: 'Released', IN_PRODUCTION: 'Paper report in production', READY: 'Paper report made', DELIVERED: 'Sent or collected', INTERPRETED: 'Interpreted', CANCELLED: 'Cancelled' },
  stepActions: { ship_kit: 'Ship the kit', sample_on_site: 'Sample on site', resample: 'Sample again', accept_sample: 'Accept the sample', reject_sample: 'Reject the sample', receive_report: 'Receive the report', start_review: 'Review the report', release: 'Release the report', write_summary: 'Write the summary', finish_production: 'Paper report made', send_report: 'Send the report', collect_report: 'Collected by the customer', interpret: 'Interpret with the customer', cancel: 'Cancel the test order' },
  newOrder: 'New test order', prescribe: 'Prescribe', pickItems: 'Choose test items', total: 'Total', note: 'Note', turnaround: 'Report in {{days}} working days', prescribed: 'Test order {{no}} prescribed', required: 'Required',
  sheet: 'Test order', sheetTitle: 'Test order for the customer’s signature', print: 'Print', back: 'Back to the board', lineNo: 'No.', price: 'Price', samplingGuide: 'Sampling guide', store: 'Store', createdAt: 'Prescribed on',
  expectedReport: 'Report expected on', afterSampling: 'Set at sampling', customerSignature: 'Customer’s signature', doctorSignature: 'Doctor’s signature', signDate: 'Date', recordNo: 'Record no.', consent: 'I have been told the test items, their fees and how the sample is taken, and agree to the tests.',
  review: 'Report review', reviewCount: '{{count}} reports to review', receivedAt: 'Received', labReportId: 'Lab report id', results: 'Results', value: 'Value', unit: 'Unit', range: 'Reference range', flag: 'Flag',
  flags: { H: 'High', L: 'Low' }, files: 'Report files', noResults: 'No result lines',
};
