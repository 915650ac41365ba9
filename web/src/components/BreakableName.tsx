import { Fragment } from "react";

/** A name that may wrap after its separators ("/", ".", "_", ":") rather than at arbitrary characters. */
export function BreakableName({ name }: { name: string }) {
  const parts = name.split(/(?<=[/._:])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </>
  );
}
