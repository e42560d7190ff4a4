import { useFormat } from '../format/use-format';

/** "Acme #12": the per-client number customers and clients quote on the phone. */
export const DisplayNumber = ({ clientName, number }: { clientName?: string; number: number }) => {
  const format = useFormat();
  return (
    <bdi>
      {clientName ? `${clientName} ` : ''}#{format.number(number)}
    </bdi>
  );
};
