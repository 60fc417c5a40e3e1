/**
 * The enrolment of a new (or re-enrolled) account, shown to the admin once: the one-time code,
 * the authenticator secret as a QR code and as otpauth URI text. Closing it forgets both; the
 * server never shows them again.
 */
import type { EnrolmentView, UserView } from '@openrtcc/domain';
import { OtpQr } from './OtpQr.tsx';

export function EnrolmentCard({ user, enrolment, onClose }: { user: UserView; enrolment: EnrolmentView; onClose: () => void }) {
  return (
    <section className="card enrolment-card" aria-label={`Enrolment for ${user.username}`} data-testid="enrolment-card">
      <h2>Enrolment for {user.username}</h2>
      <p className="muted">
        Shown once. Hand it to {user.displayName} in person: they scan the QR code (or type the secret) into an authenticator app, then open the console, choose “Enrol”, and
        set their password with the enrolment code. It expires {new Date(enrolment.expiresAt).toLocaleString()}.
      </p>
      <div className="enrolment-grid">
        <OtpQr uri={enrolment.otpauthUri} />
        <dl>
          <dt>Enrolment code</dt>
          <dd>
            <code data-testid="enrolment-code">{enrolment.code}</code>
          </dd>
          <dt>Authenticator secret</dt>
          <dd>
            <code data-testid="enrolment-secret">{enrolment.totpSecret}</code>
          </dd>
          <dt>otpauth URI</dt>
          <dd>
            <code className="wrap" data-testid="enrolment-uri">
              {enrolment.otpauthUri}
            </code>
          </dd>
        </dl>
      </div>
      <button type="button" className="primary" onClick={onClose}>
        Done: I have handed it over
      </button>
    </section>
  );
}
