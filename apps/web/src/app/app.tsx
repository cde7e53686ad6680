export function App() {
  return <p>Backorder Desk</p>;
}
