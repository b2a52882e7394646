import type { Dictionary } from './zh-CN';

/** The appointment pages' words in English (zh-CN's are under `appointments`, the enums and error reasons in zh-CN.ts). */
export const appointmentsEn: Dictionary['appointments'] = {
  group: 'Appointments', calendar: 'Calendar', list: 'Find appointments', nextDay: 'Next day’s list', doctors: 'Doctors and schedules',
  day: 'Day', week: 'Week', today: 'Today', previous: 'Previous', next: 'Next', byDoctor: 'By doctor', byStore: 'By store',
  doctor: 'Doctor', store: 'Store / center', service: 'Service', customer: 'Customer', channel: 'Booked by', status: 'Status', time: 'Time', date: 'Date',
  appointmentNo: 'Appointment no.', note: 'Note', pickDoctor: 'Choose a doctor', pickStore: 'Choose a store', pickService: 'Choose a service', pickCustomer: 'Search name / phone / card',
  freeSlots: 'Free slots', noFreeSlots: 'No free slot that day', noAppointments: 'No appointments', live: 'Live',
  book: 'Book', bookAt: 'Book {{time}}', booked: 'Booked {{no}}', slotTaken: 'That slot was just taken; pick a free one:', noNextSlots: 'No free slot in the next two weeks',
  actions: 'Actions', confirm: 'Verify', checkIn: 'Check in', complete: 'Complete', noShow: 'No-show', cancel: 'Cancel', reschedule: 'Reschedule', done: '{{action}}: done',
  cancelReason: 'Reason for cancelling', cancelReasonRequired: 'Enter the reason', rescheduleTo: 'Move to', rescheduleReason: 'Reason for the move', pickSlot: 'Pick the new slot',
  verifyBy: 'Verify by {{time}}', overdue: 'Verification overdue', rescheduledFrom: 'Moved from {{no}}', rescheduledTo: 'Moved to {{no}}', cancelledFor: 'Cancelled: {{reason}}',
  searchPlaceholder: 'Customer name / phone / member card', timeSlot: 'Time of day', morning: 'Morning (before 12)', afternoon: 'Afternoon (12–18)', evening: 'Evening (after 18)', dateRange: 'Date',
  export: 'Export', exportCsv: 'Export CSV', exportXlsx: 'Export Excel', exported: 'Exported {{count}} rows', exportCapped: 'At most {{count}} rows are exported; narrow the filters',
  statistics: 'Statistics', statsBy: 'Group by', total: 'Appointments', active: 'To serve', completed: 'Completed', cancelled: 'Cancelled', noShowCount: 'No-shows', rescheduled: 'Rescheduled', hour: 'Hour',
  nextDayHelp: 'Appointments on {{date}} in time order: the list doctors and health managers get at 18:00 the evening before.', print: 'Print',
  directoryHelp: 'Your franchise’s doctors: HQ checks their qualifications; only verified doctors take bookings.', profile: 'Doctor profile', qualifications: 'Qualifications', certificateNo: 'Number', issuedBy: 'Issued by', issuedOn: 'Issued on',
  certificate: 'Certificate', training: 'Training', caseStudies: 'Case studies', verification: 'Verification', verify: 'Verify', reject: 'Reject', suspend: 'Suspend', verificationNote: 'Note',
  verified: 'Verification saved', specialties: 'Specialties', years: 'Years of practice', employment: 'Employment', region: 'Region', introduction: 'Introduction', phone: 'Phone', gender: 'Gender', open: 'Open',
  schedule: 'Schedule', weeklyHours: 'Weekly hours', breaks: 'Daily breaks', slotMinutes: 'Slot interval (minutes)', saveSchedule: 'Save schedule', scheduleSaved: 'Schedule saved', addPeriod: 'Add period',
  exceptions: 'Leave and one-off hours', addException: 'Add', exceptionKind: 'Kind', from: 'From', to: 'To', reason: 'Reason', allStores: 'Every store', remove: 'Remove', removed: 'Removed',
  off: 'Off', weekdays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

export const appointmentEnumsEn: Pick<Dictionary['enums'], 'AppointmentStatus' | 'AppointmentChannel' | 'HealthServiceKind' | 'VerificationStatus' | 'ScheduleExceptionKind' | 'AppointmentStatsDimension' | 'Employment'> = {
  AppointmentStatus: { REQUESTED: 'To verify', CONFIRMED: 'Confirmed', CHECKED_IN: 'Checked in', COMPLETED: 'Completed', CANCELLED: 'Cancelled', NO_SHOW: 'No-show', RESCHEDULED: 'Rescheduled' },
  AppointmentChannel: { PHONE: 'Phone', IN_PERSON: 'In person', ONLINE: 'Online' },
  HealthServiceKind: { FIRST_VISIT: 'First visit', FOLLOW_UP: 'Follow-up', REPORT_INTERPRETATION: 'Report interpretation', TEST_SAMPLING: 'Test sampling' },
  VerificationStatus: { PENDING: 'Pending', VERIFIED: 'Verified', REJECTED: 'Rejected', SUSPENDED: 'Suspended' },
  ScheduleExceptionKind: { LEAVE: 'Leave', HOURS: 'One-off hours' },
  AppointmentStatsDimension: { STORE: 'Store', DOCTOR: 'Doctor', DATE: 'Date', HOUR: 'Hour' },
  Employment: { FULL_TIME: 'Full-time', PART_TIME: 'Part-time' },
};

/** Reasons the appointment services give. */
export const appointmentReasonsEn: Partial<Dictionary['errors']['reasons']> = {
  SLOT_TAKEN: 'That slot is taken; pick another', DOCTOR_NOT_VERIFIED: 'HQ has not verified this doctor yet: no bookings', NOT_A_SLOT: 'Not a bookable slot of the doctor (outside hours, a break, leave or a holiday)',
  IN_THE_PAST: 'That time has passed', INSIDE_NOTICE_PERIOD: 'Inside the {{noticeDays}}-day notice period: a supervisor must do it', NOT_STARTED: 'Not started yet: not a no-show', NOT_A_DOCTOR: 'Not a doctor',
  INVALID_TIME: 'Times are HH:MM', INVALID_PERIOD: 'Invalid period (start before end, no overlaps)', OTHER_FRANCHISE: 'Belongs to another franchise', INACTIVE: 'That service is no longer offered',
};
