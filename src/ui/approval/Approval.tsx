export function Approval() {
  return (
    <main>
      <h1>Requests waiting for you</h1>
      <p class="muted">Nothing is waiting for your approval.</p>
    </main>
  );
}
