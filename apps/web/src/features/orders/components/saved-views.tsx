import { useId, useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { errorMessage } from "../../../lib/api.ts";
import { useDeleteView, useSaveView, useSavedViews } from "../api/orders-api.ts";

/** Named views per user: the current URL query saved under a name, and picked back. */
export function SavedViews({ search, onPick }: { search: string; onPick: (query: string) => void }) {
  const views = useSavedViews();
  const save = useSaveView();
  const remove = useDeleteView();
  const toast = useToast();
  const id = useId();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const current = views.data?.find((v) => normalize(v.query) === normalize(search));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return;
    save.mutate(
      { name: name.trim(), query: search },
      {
        onSuccess: (v) => {
          toast(`View “${v.name}” saved`);
          setNaming(false);
          setName("");
        },
        onError: (err) => toast(errorMessage(err), "error"),
      },
    );
  }

  return (
    <div className="form-row wrap">
      <div className="field">
        <label htmlFor={id}>Saved view</label>
        <select id={id} value={current?.id ?? ""} onChange={(e) => onPick(views.data?.find((v) => v.id === e.target.value)?.query ?? "")}>
          <option value="">{views.isError ? "Could not load views" : "Current filters"}</option>
          {views.data?.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </div>
      {current && (
        <Button variant="ghost" busy={remove.isPending} onClick={() => remove.mutate(current.id, { onSuccess: () => toast(`View “${current.name}” deleted`) })}>
          Delete view
        </Button>
      )}
      {naming ? (
        <form onSubmit={submit} className="form-row">
          <div className="field">
            <label htmlFor={`${id}-name`}>View name</label>
            <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} autoFocus autoComplete="off" maxLength={100} />
          </div>
          <Button type="submit" variant="primary" busy={save.isPending}>
            Save
          </Button>
          <Button onClick={() => setNaming(false)}>Cancel</Button>
        </form>
      ) : (
        <Button onClick={() => setNaming(true)}>Save view</Button>
      )}
    </div>
  );
}

function normalize(query: string) {
  const p = new URLSearchParams(query.replace(/^\?/, ""));
  p.sort();
  return p.toString();
}
