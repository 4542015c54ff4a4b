# language: vi
Tính năng: Vòng đời văn bản đi và vai trò của từng người
  Văn bản đi qua các bước: dự thảo, trình ký, lãnh đạo ký, văn thư ban hành (cấp số).
  Mỗi bước chỉ người có vai trò phù hợp mới được làm; thao tác không hợp với trạng thái
  hiện tại thì bị từ chối, kèm danh sách các thao tác được phép; mọi bước đều được ghi
  vào lịch sử: ai làm, lúc nào, từ trạng thái nào sang trạng thái nào.

  Bối cảnh:
    Cho sổ đăng ký văn bản của "Ủy ban nhân dân xã Phú Thái"
    Và những người dùng sổ:
      | tên đăng nhập | họ tên           | vai trò           |
      | vanthu        | Trần Thị Văn Thư | Văn thư, Quản trị |
      | chutich       | Nguyễn Phúc Công | Lãnh đạo          |
      | chuyenvien    | Lê Văn Chuyên    | Chuyên viên       |

  Kịch bản: Dự thảo, trình ký, ký, ban hành
    Cho chuyên viên đã soạn dự thảo kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia"
    Khi chuyên viên trình ký văn bản "Tổ chức Ngày Chuyển đổi số quốc gia"
    Thì văn bản "Tổ chức Ngày Chuyển đổi số quốc gia" ở trạng thái "Trình ký"
    Khi lãnh đạo ký văn bản "Tổ chức Ngày Chuyển đổi số quốc gia"
    Thì văn bản "Tổ chức Ngày Chuyển đổi số quốc gia" ở trạng thái "Đã ký"
    Và văn bản "Tổ chức Ngày Chuyển đổi số quốc gia" chưa có số
    Khi văn thư ban hành văn bản "Tổ chức Ngày Chuyển đổi số quốc gia" ngày 29/9/2025, người ký "Nguyễn Phúc Công", chức vụ "Chủ tịch", thẩm quyền "TM."
    Thì văn bản "Tổ chức Ngày Chuyển đổi số quốc gia" ở trạng thái "Đã ban hành"
    Và kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia" được cấp số, ký hiệu "01/KH-UBND"
    Và văn bản "01/KH-UBND" ghi người ký "Nguyễn Phúc Công", chức vụ "Chủ tịch", thẩm quyền "TM."
    Và lịch sử của văn bản "01/KH-UBND" ghi:
      | thao tác     | người thực hiện | từ trạng thái | đến trạng thái |
      | Soạn dự thảo | chuyenvien      |               | Dự thảo        |
      | Trình ký     | chuyenvien      | Dự thảo       | Trình ký       |
      | Ký           | chutich         | Trình ký      | Đã ký          |
      | Ban hành     | vanthu          | Đã ký         | Đã ban hành    |
    Và mỗi dòng lịch sử của văn bản "01/KH-UBND" đều ghi thời điểm, theo thứ tự thời gian

  Kịch bản: Văn bản chưa có người ký thì không được cấp số
    Cho chuyên viên đã soạn dự thảo kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia"
    Khi văn thư ban hành văn bản "Tổ chức Ngày Chuyển đổi số quốc gia" ngày 29/9/2025 mà không ghi người ký
    Thì thao tác bị từ chối vì vi phạm quy tắc, mã lỗi 1
    Và thông báo lỗi có "chưa có người ký"
    Và dữ liệu trong sổ không thay đổi
    Và văn bản "Tổ chức Ngày Chuyển đổi số quốc gia" chưa có số

  Kịch bản: Văn thư ghi người ký bằng tên đăng nhập của lãnh đạo, sổ ghi họ tên của người đó
    Cho chuyên viên đã soạn dự thảo kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia"
    Khi văn thư ban hành văn bản "Tổ chức Ngày Chuyển đổi số quốc gia" ngày 29/9/2025, người ký "chutich", chức vụ "Chủ tịch", thẩm quyền "TM."
    Thì văn bản "01/KH-UBND" ghi người ký "Nguyễn Phúc Công", chức vụ "Chủ tịch", thẩm quyền "TM."

  Kịch bản: Lãnh đạo trả lại dự thảo để sửa
    Cho chuyên viên đã soạn dự thảo kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia"
    Và chuyên viên đã trình ký văn bản "Tổ chức Ngày Chuyển đổi số quốc gia"
    Khi lãnh đạo trả lại văn bản "Tổ chức Ngày Chuyển đổi số quốc gia"
    Thì văn bản "Tổ chức Ngày Chuyển đổi số quốc gia" ở trạng thái "Dự thảo"
    Và lịch sử của văn bản "Tổ chức Ngày Chuyển đổi số quốc gia" ghi:
      | thao tác     | người thực hiện | từ trạng thái | đến trạng thái |
      | Soạn dự thảo | chuyenvien      |               | Dự thảo        |
      | Trình ký     | chuyenvien      | Dự thảo       | Trình ký       |
      | Trả lại      | chutich         | Trình ký      | Dự thảo        |

  Kịch bản: Văn thư vào sổ văn bản giấy đã ký: từ dự thảo thẳng sang đã ban hành
    Khi văn thư vào sổ kế hoạch "Hoạt động của các Tổ công nghệ số cộng đồng" đã ký ngày 1/10/2025
    Thì văn bản "Hoạt động của các Tổ công nghệ số cộng đồng" ở trạng thái "Đã ban hành"
    Và kế hoạch "Hoạt động của các Tổ công nghệ số cộng đồng" được cấp số, ký hiệu "01/KH-UBND"
    Và lịch sử của văn bản "01/KH-UBND" ghi:
      | thao tác     | người thực hiện | từ trạng thái | đến trạng thái |
      | Soạn dự thảo | vanthu          |               | Dự thảo        |
      | Ban hành     | vanthu          | Dự thảo       | Đã ban hành    |

  Khung kịch bản: Thao tác không hợp với trạng thái hiện tại bị từ chối, kèm các thao tác được phép
    Cho kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia" đang ở trạng thái "<trạng thái>"
    Khi <người> thực hiện thao tác "<thao tác>" với văn bản "Tổ chức Ngày Chuyển đổi số quốc gia"
    Thì thao tác bị từ chối vì sai trạng thái, mã lỗi 1
    Và thông báo lỗi có "Không thể «<thao tác>» văn bản đang ở trạng thái «<trạng thái>»"
    Và thông báo lỗi nêu các thao tác được phép: <được phép>
    Và dữ liệu trong sổ không thay đổi
    Và văn bản "Tổ chức Ngày Chuyển đổi số quốc gia" ở trạng thái "<trạng thái>"

    Dữ liệu:
      | trạng thái     | người       | thao tác          | được phép                                                                             |
      | Dự thảo        | lãnh đạo    | Ký                | «Trình ký», «Ban hành», «Hủy dự thảo»                                                 |
      | Trình ký       | chuyên viên | Trình ký          | «Trả lại», «Ký», «Hủy dự thảo»                                                        |
      | Đã ký          | lãnh đạo    | Trả lại           | «Ban hành»                                                                            |
      | Đã ban hành    | chuyên viên | Hủy dự thảo       | «Bắt đầu thực hiện», «Hoàn thành thực hiện», «Báo cáo kết quả», «Thu hồi», «Thay thế» |
      | Đang thực hiện | văn thư     | Bắt đầu thực hiện | «Hoàn thành thực hiện», «Báo cáo kết quả», «Thu hồi», «Thay thế»                      |

  Khung kịch bản: Văn bản đã hủy hay đã thu hồi thì không còn thao tác nào
    Cho kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia" đang ở trạng thái "<trạng thái>"
    Khi <người> thực hiện thao tác "<thao tác>" với văn bản "Tổ chức Ngày Chuyển đổi số quốc gia"
    Thì thao tác bị từ chối vì sai trạng thái, mã lỗi 1
    Và thông báo lỗi có "Không thể «<thao tác>» văn bản đang ở trạng thái «<trạng thái>»"
    Và thông báo lỗi có "Không còn thao tác nào với văn bản ở trạng thái này"
    Và dữ liệu trong sổ không thay đổi

    Dữ liệu:
      | trạng thái | người       | thao tác |
      | Đã hủy     | chuyên viên | Trình ký |
      | Đã thu hồi | văn thư     | Thu hồi  |
      | Đã thu hồi | lãnh đạo    | Ban hành |

  Khung kịch bản: Chỉ người có vai trò phù hợp mới được làm từng bước
    Cho kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia" đang ở trạng thái "<trạng thái>"
    Khi <người> thực hiện thao tác "<thao tác>" với văn bản "Tổ chức Ngày Chuyển đổi số quốc gia"
    Thì thao tác bị từ chối vì không có quyền, mã lỗi 1
    Và thông báo lỗi có "Chỉ <vai trò cần có> được «<thao tác>» văn bản"
    Và thông báo lỗi có "Người dùng hiện tại: <vai trò hiện có>"
    Và dữ liệu trong sổ không thay đổi
    Và văn bản "Tổ chức Ngày Chuyển đổi số quốc gia" ở trạng thái "<trạng thái>"

    Dữ liệu:
      | trạng thái  | người       | thao tác | vai trò cần có        | vai trò hiện có |
      | Trình ký    | chuyên viên | Ký       | Lãnh đạo              | Chuyên viên     |
      | Trình ký    | văn thư     | Ký       | Lãnh đạo              | Văn thư         |
      | Đã ký       | chuyên viên | Ban hành | Văn thư               | Chuyên viên     |
      | Đã ký       | lãnh đạo    | Ban hành | Văn thư               | Lãnh đạo        |
      | Đã ban hành | chuyên viên | Thu hồi  | Văn thư hoặc Lãnh đạo | Chuyên viên     |

  Kịch bản: Mỗi người chỉ thấy những thao tác của vai trò mình
    Cho kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia" đang ở trạng thái "Trình ký"
    Thì lãnh đạo được thực hiện với văn bản "Tổ chức Ngày Chuyển đổi số quốc gia" các thao tác: «Trả lại», «Ký», «Hủy dự thảo»
    Và chuyên viên được thực hiện với văn bản "Tổ chức Ngày Chuyển đổi số quốc gia" các thao tác: «Hủy dự thảo»
    Và văn thư được thực hiện với văn bản "Tổ chức Ngày Chuyển đổi số quốc gia" các thao tác: «Hủy dự thảo»

  Khung kịch bản: Chỉ hủy được dự thảo chưa ban hành; dự thảo đã hủy không lấy số
    Cho kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia" đang ở trạng thái "<trạng thái>"
    Khi chuyên viên hủy dự thảo "Tổ chức Ngày Chuyển đổi số quốc gia"
    Thì văn bản "Tổ chức Ngày Chuyển đổi số quốc gia" ở trạng thái "Đã hủy"
    Và văn bản "Tổ chức Ngày Chuyển đổi số quốc gia" chưa có số
    Và sổ kế hoạch năm 2025 chưa cấp số nào
    Và lịch sử của văn bản "Tổ chức Ngày Chuyển đổi số quốc gia" có sự kiện "Hủy dự thảo" của "chuyenvien" từ "<trạng thái>" sang "Đã hủy"

    Dữ liệu:
      | trạng thái |
      | Dự thảo    |
      | Trình ký   |

  Khung kịch bản: Không hủy được văn bản đã ký hay đã ban hành
    Cho kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia" đang ở trạng thái "<trạng thái>"
    Khi chuyên viên hủy dự thảo "Tổ chức Ngày Chuyển đổi số quốc gia"
    Thì thao tác bị từ chối vì sai trạng thái, mã lỗi 1
    Và thông báo lỗi có "Không thể «Hủy dự thảo» văn bản đang ở trạng thái «<trạng thái>»"
    Và dữ liệu trong sổ không thay đổi
    Và văn bản "Tổ chức Ngày Chuyển đổi số quốc gia" ở trạng thái "<trạng thái>"

    Dữ liệu:
      | trạng thái     |
      | Đã ký          |
      | Đã ban hành    |
      | Đang thực hiện |

  Kịch bản: Thu hồi mà không ghi lý do thì bị từ chối
    Cho kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia" đang ở trạng thái "Đã ban hành"
    Khi văn thư thu hồi văn bản "Tổ chức Ngày Chuyển đổi số quốc gia"
    Thì thao tác bị từ chối vì dữ liệu nhập sai, mã lỗi 2
    Và thông báo lỗi có "phải ghi lý do (Nghị định 30, Điều 18)"
    Và dữ liệu trong sổ không thay đổi

  Kịch bản: Thu hồi văn bản đã ban hành: giữ số và giữ lịch sử
    Cho kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia" đang ở trạng thái "Đã ban hành"
    Khi lãnh đạo thu hồi văn bản "Tổ chức Ngày Chuyển đổi số quốc gia", lý do: Ban hành nhầm đối tượng
    Thì văn bản "Tổ chức Ngày Chuyển đổi số quốc gia" ở trạng thái "Đã thu hồi"
    Và kế hoạch "Tổ chức Ngày Chuyển đổi số quốc gia" được cấp số, ký hiệu "01/KH-UBND"
    Và lịch sử của văn bản "01/KH-UBND" có sự kiện "Thu hồi" của "chutich" từ "Đã ban hành" sang "Đã thu hồi"
